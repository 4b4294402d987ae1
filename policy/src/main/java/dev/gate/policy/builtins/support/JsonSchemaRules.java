package dev.gate.policy.builtins.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The checks gojsonschema makes on a schema before using it, with its complaints; and local $ref resolution. */
final class JsonSchemaRules {
    private static final List<String> TYPES =
            List.of("array", "boolean", "integer", "number", "null", "object", "string");
    static final int MAX_REF_DEPTH = 256;

    private JsonSchemaRules() {}

    static void verify(JsonNode schema) {
        verifySchema(schema, schema, 0);
    }

    private static void verifySchema(JsonNode root, JsonNode schema, int depth) {
        if (schema.isBoolean()) return;
        if (!schema.isObject()) throw invalid("schema must be of type object or boolean");
        if (depth > MAX_REF_DEPTH) throw invalid("schema is nested too deeply");
        JsonNode type = schema.get("type");
        if (type != null) {
            if (type.isTextual()) checkTypeName(type.asText());
            else if (type.isArray())
                type.forEach(t -> {
                    if (!t.isTextual()) throw invalid("type must be of type string");
                    checkTypeName(t.asText());
                });
            else throw invalid("type must be of type string or array");
        }
        for (String key : List.of("minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties")) {
            JsonNode n = schema.get(key);
            if (n != null
                    && (!n.isIntegralNumber()
                            && !(n.isNumber()
                                    && n.decimalValue().stripTrailingZeros().scale() <= 0))) {
                throw invalid(key + " must be of type integer");
            }
            if (n != null && n.decimalValue().signum() < 0) throw invalid(key + " must be greater than or equal to 0");
        }
        for (String key : List.of("minimum", "maximum", "multipleOf")) {
            JsonNode n = schema.get(key);
            if (n != null && !n.isNumber()) throw invalid(key + " must be of type number");
        }
        JsonNode multipleOf = schema.get("multipleOf");
        if (multipleOf != null && multipleOf.decimalValue().signum() <= 0)
            throw invalid("multipleOf must be strictly greater than 0");
        JsonNode pattern = schema.get("pattern");
        if (pattern != null && (!pattern.isTextual() || !Re2.isValid(pattern.asText())))
            throw invalid("pattern must be a valid regex");
        JsonNode required = schema.get("required");
        if (required != null) {
            if (!required.isArray()) throw invalid("required must be of an array");
            Set<String> seen = new HashSet<>();
            required.forEach(r -> {
                if (!r.isTextual()) throw invalid("required items must be string");
                if (!seen.add(r.asText())) throw invalid("required items must be unique");
            });
        }
        JsonNode enumeration = schema.get("enum");
        if (enumeration != null && !enumeration.isArray()) throw invalid("enum must be of an array");
        for (String key : List.of("properties", "patternProperties", "definitions", "$defs")) {
            JsonNode children = schema.get(key);
            if (children == null) continue;
            if (!children.isObject()) throw invalid(key + " must be of an object");
            children.fields().forEachRemaining(e -> {
                if (key.equals("patternProperties") && !Re2.isValid(e.getKey()))
                    throw invalid(e.getKey() + " must be a valid regex");
                verifySchema(root, e.getValue(), depth + 1);
            });
        }
        for (String key : List.of("allOf", "anyOf", "oneOf")) {
            JsonNode list = schema.get(key);
            if (list == null) continue;
            if (!list.isArray() || list.isEmpty()) throw invalid(key + " must be of an array");
            list.forEach(s -> verifySchema(root, s, depth + 1));
        }
        for (String key : List.of(
                "not", "additionalProperties", "additionalItems", "propertyNames", "contains", "if", "then", "else")) {
            JsonNode sub = schema.get(key);
            if (sub != null) verifySchema(root, sub, depth + 1);
        }
        JsonNode items = schema.get("items");
        if (items != null) {
            if (items.isArray()) items.forEach(s -> verifySchema(root, s, depth + 1));
            else verifySchema(root, items, depth + 1);
        }
        JsonNode ref = schema.get("$ref");
        if (ref != null && (!ref.isTextual() || resolve(root, ref.asText()) == null)) {
            throw invalid("reference " + ref.asText() + " must be a resolvable local reference");
        }
    }

    private static void checkTypeName(String name) {
        if (!TYPES.contains(name)) {
            throw invalid("has a primitive type that is NOT VALID -- given: /" + name + "/ Expected valid values are:"
                    + "[array boolean integer number null object string]");
        }
    }

    private static IllegalArgumentException invalid(String message) {
        return new IllegalArgumentException(message);
    }

    /** "#", "#/definitions/a" style pointers into the root schema; null when absent or remote. */
    static JsonNode resolve(JsonNode root, String ref) {
        if (ref.equals("#")) return root;
        if (!ref.startsWith("#/")) return null;
        JsonNode node = root;
        for (String part : ref.substring(2).split("/", -1)) {
            String key = part.replace("~1", "/").replace("~0", "~");
            node = node.isArray() ? node.path(parseIndex(key)) : node.get(key);
            if (node == null || node.isMissingNode()) return null;
        }
        return node;
    }

    private static int parseIndex(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
