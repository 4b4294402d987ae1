package dev.gate.policy.builtins.support;

import static dev.gate.policy.builtins.support.JsonSchemaScalars.failure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.gate.policy.builtins.support.JsonSchemaCheck.Failure;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * One document checked against one schema, the way gojsonschema walks it: a boolean schema passes or fails, a local
 * {@code $ref} is followed from the schema's root, a type mismatch ends the check of that value, and every other
 * keyword is left to its family ({@link JsonSchemaCombinators}, {@link JsonSchemaScalars}, {@link JsonSchemaArrays},
 * {@link JsonSchemaObjects}), which come back here for their subschemas. The walk also keeps gojsonschema's score,
 * which decides whose failures a failed anyOf or oneOf reports.
 */
final class JsonSchemaValidation {
    private final JsonNode root;
    /** gojsonschema's score: values fully checked (not stopped by a type mismatch); picks anyOf's closest branch. */
    private int score;

    JsonSchemaValidation(JsonNode root) {
        this.root = root;
    }

    /** The document's failures against the whole schema. */
    List<Failure> failures(JsonNode document) {
        List<Failure> out = new ArrayList<>();
        validate(root, document, "(root)", out, 0);
        return out;
    }

    /** Adds the value's failures against a schema to out; context names the value ("(root)", "a.b.0"). */
    void validate(JsonNode schema, JsonNode value, String context, List<Failure> out, int depth) {
        if (schema.isBoolean()) {
            if (!schema.asBoolean()) out.add(failure("false", context, "False always fails validation"));
            return;
        }
        JsonNode ref = schema.get("$ref");
        if (ref != null) {
            if (depth > JsonSchemaRules.MAX_REF_DEPTH)
                throw new IllegalArgumentException("reference cycle at " + ref.asText());
            validate(JsonSchemaRules.resolve(root, ref.asText()), value, context, out, depth + 1);
            return;
        }
        JsonNode type = schema.get("type");
        if (type != null && !typeMatches(type, value)) {
            out.add(failure(
                    "invalid_type",
                    context,
                    "Invalid type. Expected: " + typeText(type) + ", given: " + typeOf(value)));
            return;
        }
        JsonSchemaCombinators.check(this, schema, value, context, out, depth);
        if (value.isNumber()) JsonSchemaScalars.number(schema, value.decimalValue(), context, out);
        if (value.isTextual()) JsonSchemaScalars.string(schema, value.asText(), context, out);
        if (value.isArray()) JsonSchemaArrays.check(this, schema, (ArrayNode) value, context, out, depth);
        if (value.isObject()) JsonSchemaObjects.check(this, schema, value, context, out, depth);
        JsonSchemaScalars.common(schema, value, context, out);
        score++;
    }

    /** Validates against a subschema into a list of its own; anyOf, oneOf and if need the outcome before reporting. */
    List<Failure> quietly(JsonNode schema, JsonNode value, String context, int depth) {
        return branch(schema, value, context, depth).failures();
    }

    /** A subschema's failures and the score it earned, to choose the closest of several that failed. */
    record Branch(List<Failure> failures, int score) {}

    Branch branch(JsonNode schema, JsonNode value, String context, int depth) {
        List<Failure> out = new ArrayList<>();
        int before = score;
        validate(schema, value, context, out, depth + 1);
        return new Branch(out, score - before);
    }

    private static boolean typeMatches(JsonNode type, JsonNode value) {
        String given = typeOf(value);
        Iterator<JsonNode> names =
                type.isArray() ? type.elements() : List.of(type).iterator();
        while (names.hasNext()) {
            String t = names.next().asText();
            if (t.equals(given) || t.equals("number") && given.equals("integer")) return true;
        }
        return false;
    }

    private static String typeText(JsonNode type) {
        if (!type.isArray()) return type.asText();
        if (type.size() == 1) return type.get(0).asText();
        List<String> names = new ArrayList<>();
        type.forEach(t -> names.add(t.asText()));
        return "[" + String.join(",", names) + "]";
    }

    private static String typeOf(JsonNode v) {
        if (v.isNull()) return "null";
        if (v.isBoolean()) return "boolean";
        if (v.isNumber()) return v.decimalValue().stripTrailingZeros().scale() <= 0 ? "integer" : "number";
        if (v.isTextual()) return "string";
        if (v.isArray()) return "array";
        return "object";
    }
}
