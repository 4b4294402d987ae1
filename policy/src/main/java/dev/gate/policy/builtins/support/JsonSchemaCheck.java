package dev.gate.policy.builtins.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * JSON Schema (drafts 4 to 7, as gojsonschema reads them) for json.verify_schema and json.match_schema: schema
 * checks with gojsonschema's complaints, and validation errors with its types, fields ("(root)", "a.b.0") and
 * descriptions. Local {@code $ref}s ("#", "#/definitions/x") are followed; remote ones are refused.
 */
public final class JsonSchemaCheck {
    private static final List<String> TYPES = List.of("array", "boolean", "integer", "number", "null", "object", "string");
    private static final int MAX_REF_DEPTH = 256;

    /** One validation error as OPA reports it. */
    public record Failure(String type, String field, String description) {
        public String error() { return field + ": " + description; }
    }

    private final JsonNode root;
    private final List<Failure> failures = new ArrayList<>();
    /** gojsonschema's score: values fully checked (not stopped by a type mismatch); picks anyOf's closest branch. */
    private int score;

    private JsonSchemaCheck(JsonNode root) { this.root = root; }

    /** Throws IllegalArgumentException with gojsonschema's complaint when the schema itself is not valid. */
    public static void verify(JsonNode schema) {
        verifySchema(schema, schema, 0);
    }

    public static List<Failure> validate(JsonNode schema, JsonNode document) {
        verify(schema);
        JsonSchemaCheck check = new JsonSchemaCheck(schema);
        check.validate(schema, document, "(root)", check.failures, 0);
        return check.failures;
    }

    // ---- schema checks ----

    private static void verifySchema(JsonNode root, JsonNode schema, int depth) {
        if (schema.isBoolean()) return;
        if (!schema.isObject()) throw invalid("schema must be of type object or boolean");
        if (depth > MAX_REF_DEPTH) throw invalid("schema is nested too deeply");
        JsonNode type = schema.get("type");
        if (type != null) {
            if (type.isTextual()) checkTypeName(type.asText());
            else if (type.isArray()) type.forEach(t -> {
                if (!t.isTextual()) throw invalid("type must be of type string");
                checkTypeName(t.asText());
            });
            else throw invalid("type must be of type string or array");
        }
        for (String key : List.of("minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties")) {
            JsonNode n = schema.get(key);
            if (n != null && (!n.isIntegralNumber() && !(n.isNumber() && n.decimalValue().stripTrailingZeros().scale() <= 0))) {
                throw invalid(key + " must be of type integer");
            }
            if (n != null && n.decimalValue().signum() < 0) throw invalid(key + " must be greater than or equal to 0");
        }
        for (String key : List.of("minimum", "maximum", "multipleOf")) {
            JsonNode n = schema.get(key);
            if (n != null && !n.isNumber()) throw invalid(key + " must be of type number");
        }
        JsonNode multipleOf = schema.get("multipleOf");
        if (multipleOf != null && multipleOf.decimalValue().signum() <= 0) throw invalid("multipleOf must be strictly greater than 0");
        JsonNode pattern = schema.get("pattern");
        if (pattern != null && (!pattern.isTextual() || !Re2.isValid(pattern.asText()))) throw invalid("pattern must be a valid regex");
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
                if (key.equals("patternProperties") && !Re2.isValid(e.getKey())) throw invalid(e.getKey() + " must be a valid regex");
                verifySchema(root, e.getValue(), depth + 1);
            });
        }
        for (String key : List.of("allOf", "anyOf", "oneOf")) {
            JsonNode list = schema.get(key);
            if (list == null) continue;
            if (!list.isArray() || list.isEmpty()) throw invalid(key + " must be of an array");
            list.forEach(s -> verifySchema(root, s, depth + 1));
        }
        for (String key : List.of("not", "additionalProperties", "additionalItems", "propertyNames", "contains", "if", "then", "else")) {
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
        return new IllegalArgumentException("jsonschema: " + message);
    }

    /** "#", "#/definitions/a" style pointers into the root schema; null when absent or remote. */
    private static JsonNode resolve(JsonNode root, String ref) {
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

    // ---- validation ----

    private void validate(JsonNode schema, JsonNode value, String context, List<Failure> out, int depth) {
        if (schema.isBoolean()) {
            if (!schema.asBoolean()) out.add(failure("false", context, "False always fails validation"));
            return;
        }
        JsonNode ref = schema.get("$ref");
        if (ref != null) {
            if (depth > MAX_REF_DEPTH) throw new IllegalArgumentException("jsonschema: reference cycle at " + ref.asText());
            validate(resolve(root, ref.asText()), value, context, out, depth + 1);
            return;
        }
        JsonNode type = schema.get("type");
        if (type != null && !typeMatches(type, value)) {
            out.add(failure("invalid_type", context, "Invalid type. Expected: " + typeText(type) + ", given: " + typeOf(value)));
            return;
        }
        combinators(schema, value, context, out, depth);
        if (value.isNumber()) number(schema, value.decimalValue(), context, out);
        if (value.isTextual()) string(schema, value.asText(), context, out);
        if (value.isArray()) array(schema, (ArrayNode) value, context, out, depth);
        if (value.isObject()) object(schema, value, context, out, depth);
        common(schema, value, context, out);
        score++;
    }

    private static boolean typeMatches(JsonNode type, JsonNode value) {
        String given = typeOf(value);
        Iterator<JsonNode> names = type.isArray() ? type.elements() : List.of(type).iterator();
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

    /** Validates against a subschema into a list of its own; anyOf, oneOf and if need the outcome before reporting. */
    private List<Failure> quietly(JsonNode schema, JsonNode value, String context, int depth) {
        return branch(schema, value, context, depth).failures();
    }

    private record Branch(List<Failure> failures, int score) {}

    private Branch branch(JsonNode schema, JsonNode value, String context, int depth) {
        List<Failure> out = new ArrayList<>();
        int before = score;
        validate(schema, value, context, out, depth + 1);
        return new Branch(out, score - before);
    }

    private void combinators(JsonNode schema, JsonNode value, String context, List<Failure> out, int depth) {
        JsonNode anyOf = schema.get("anyOf");
        if (anyOf != null) {
            Branch best = null;
            boolean any = false;
            for (JsonNode s : anyOf) {
                Branch b = branch(s, value, context, depth);
                if (b.failures().isEmpty()) {
                    any = true;
                    break;
                }
                if (best == null || b.score() > best.score()) best = b;
            }
            if (!any) {
                out.add(failure("number_any_of", context, "Must validate at least one schema (anyOf)"));
                out.addAll(best.failures());
            }
        }
        JsonNode oneOf = schema.get("oneOf");
        if (oneOf != null) {
            Branch best = null;
            int valid = 0;
            for (JsonNode s : oneOf) {
                Branch b = branch(s, value, context, depth);
                if (b.failures().isEmpty()) valid++;
                else if (best == null || b.score() > best.score()) best = b;
            }
            if (valid != 1) {
                out.add(failure("number_one_of", context, "Must validate one and only one schema (oneOf)"));
                if (valid == 0) out.addAll(best.failures());
            }
        }
        JsonNode allOf = schema.get("allOf");
        if (allOf != null) {
            boolean all = true;
            for (JsonNode s : allOf) {
                List<Failure> sub = quietly(s, value, context, depth);
                all &= sub.isEmpty();
                out.addAll(sub);
            }
            if (!all) out.add(failure("number_all_of", context, "Must validate all the schemas (allOf)"));
        }
        JsonNode not = schema.get("not");
        if (not != null && quietly(not, value, context, depth).isEmpty()) {
            out.add(failure("number_not", context, "Must not validate the schema (not)"));
        }
        JsonNode dependencies = schema.get("dependencies");
        if (dependencies != null && value.isObject()) {
            dependencies.fields().forEachRemaining(e -> {
                if (!value.has(e.getKey())) return;
                if (e.getValue().isArray()) {
                    for (JsonNode d : e.getValue()) {
                        if (!value.has(d.asText())) {
                            out.add(failure("missing_dependency", context, "Has a dependency on " + d.asText()));
                        }
                    }
                } else {
                    validate(e.getValue(), value, context, out, depth + 1);
                }
            });
        }
        JsonNode condition = schema.get("if");
        if (condition != null) {
            if (quietly(condition, value, context, depth).isEmpty()) {
                JsonNode then = schema.get("then");
                List<Failure> sub = then == null ? List.of() : quietly(then, value, context, depth);
                if (!sub.isEmpty()) {
                    out.add(failure("condition_then", context, "Must validate \"then\" as \"if\" was valid"));
                    out.addAll(sub);
                }
            } else {
                JsonNode otherwise = schema.get("else");
                List<Failure> sub = otherwise == null ? List.of() : quietly(otherwise, value, context, depth);
                if (!sub.isEmpty()) {
                    out.add(failure("condition_else", context, "Must validate \"else\" as \"if\" was not valid"));
                    out.addAll(sub);
                }
            }
        }
    }

    private static void number(JsonNode schema, BigDecimal n, String context, List<Failure> out) {
        JsonNode multipleOf = schema.get("multipleOf");
        if (multipleOf != null && n.remainder(multipleOf.decimalValue()).signum() != 0) {
            out.add(failure("multiple_of", context, "Must be a multiple of " + text(multipleOf)));
        }
        bound(schema, n, context, out, "maximum", "exclusiveMaximum", true);
        bound(schema, n, context, out, "minimum", "exclusiveMinimum", false);
    }

    /** Draft 4 writes exclusiveMaximum as a boolean beside maximum; drafts 6 and 7 as a number of its own. */
    private static void bound(JsonNode schema, BigDecimal n, String context, List<Failure> out, String inclusive, String exclusive,
            boolean upper) {
        JsonNode limit = schema.get(inclusive);
        JsonNode ex = schema.get(exclusive);
        boolean exclusiveFlag = ex != null && ex.isBoolean() && ex.asBoolean();
        if (limit != null) {
            int c = n.compareTo(limit.decimalValue());
            boolean fails = upper ? (exclusiveFlag ? c >= 0 : c > 0) : (exclusiveFlag ? c <= 0 : c < 0);
            if (fails) out.add(boundFailure(upper, exclusiveFlag, limit, context));
        }
        if (ex != null && ex.isNumber()) {
            int c = n.compareTo(ex.decimalValue());
            if (upper ? c >= 0 : c <= 0) out.add(boundFailure(upper, true, ex, context));
        }
    }

    private static Failure boundFailure(boolean upper, boolean exclusive, JsonNode limit, String context) {
        if (upper) {
            return exclusive ? failure("number_lt", context, "Must be less than " + text(limit))
                    : failure("number_lte", context, "Must be less than or equal to " + text(limit));
        }
        return exclusive ? failure("number_gt", context, "Must be greater than " + text(limit))
                : failure("number_gte", context, "Must be greater than or equal to " + text(limit));
    }

    private static void string(JsonNode schema, String s, String context, List<Failure> out) {
        int length = s.codePointCount(0, s.length());
        JsonNode min = schema.get("minLength");
        if (min != null && length < min.asInt()) {
            out.add(failure("string_gte", context, "String length must be greater than or equal to " + min.asInt()));
        }
        JsonNode max = schema.get("maxLength");
        if (max != null && length > max.asInt()) {
            out.add(failure("string_lte", context, "String length must be less than or equal to " + max.asInt()));
        }
        JsonNode pattern = schema.get("pattern");
        if (pattern != null && !Re2.matches(pattern.asText(), s)) {
            out.add(failure("pattern", context, "Does not match pattern '" + pattern.asText() + "'"));
        }
        JsonNode format = schema.get("format");
        if (format != null && !JsonSchemaFormats.matches(format.asText(), s)) {
            out.add(failure("format", context, "Does not match format '" + format.asText() + "'"));
        }
    }

    private void array(JsonNode schema, ArrayNode a, String context, List<Failure> out, int depth) {
        JsonNode items = schema.get("items");
        if (items != null && items.isArray()) {
            for (int i = 0; i < Math.min(items.size(), a.size()); i++) validate(items.get(i), a.get(i), context + "." + i, out, depth + 1);
            JsonNode additional = schema.get("additionalItems");
            if (additional != null && a.size() > items.size()) {
                if (additional.isBoolean() && !additional.asBoolean()) {
                    out.add(failure("array_no_additional_items", context, "No additional items allowed on array"));
                } else if (additional.isObject()) {
                    for (int i = items.size(); i < a.size(); i++) validate(additional, a.get(i), context + "." + i, out, depth + 1);
                }
            }
        } else if (items != null) {
            for (int i = 0; i < a.size(); i++) validate(items, a.get(i), context + "." + i, out, depth + 1);
        }
        JsonNode min = schema.get("minItems");
        if (min != null && a.size() < min.asInt()) out.add(failure("array_min_items", context, "Array must have at least " + min.asInt() + " items"));
        JsonNode max = schema.get("maxItems");
        if (max != null && a.size() > max.asInt()) out.add(failure("array_max_items", context, "Array must have at most " + max.asInt() + " items"));
        JsonNode unique = schema.get("uniqueItems");
        if (unique != null && unique.asBoolean()) {
            outer:
            for (int i = 0; i < a.size(); i++) {
                for (int j = i + 1; j < a.size(); j++) {
                    if (sameJson(a.get(i), a.get(j))) {
                        out.add(failure("unique", context, "array items[" + i + "," + j + "] must be unique"));
                        break outer;
                    }
                }
            }
        }
        JsonNode contains = schema.get("contains");
        if (contains != null) {
            boolean any = false;
            for (JsonNode item : a) any |= quietly(contains, item, context, depth).isEmpty();
            if (!any) out.add(failure("contains", context, "At least one of the items must match"));
        }
    }

    private void object(JsonNode schema, JsonNode o, String context, List<Failure> out, int depth) {
        JsonNode min = schema.get("minProperties");
        if (min != null && o.size() < min.asInt()) {
            out.add(failure("array_min_properties", context, "Must have at least " + min.asInt() + " properties"));
        }
        JsonNode max = schema.get("maxProperties");
        if (max != null && o.size() > max.asInt()) {
            out.add(failure("array_max_properties", context, "Must have at most " + max.asInt() + " properties"));
        }
        JsonNode required = schema.get("required");
        if (required != null) {
            for (JsonNode r : required) {
                if (!o.has(r.asText())) out.add(failure("required", context, r.asText() + " is required"));
            }
        }
        JsonNode properties = schema.get("properties");
        JsonNode patterns = schema.get("patternProperties");
        JsonNode additional = schema.get("additionalProperties");
        TreeMap<String, JsonNode> fields = new TreeMap<>();
        o.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue()));
        for (Map.Entry<String, JsonNode> e : fields.entrySet()) {
            boolean declared = properties != null && properties.has(e.getKey());
            boolean patterned = false;
            if (patterns != null) {
                Iterator<Map.Entry<String, JsonNode>> it = patterns.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> p = it.next();
                    if (Re2.matches(p.getKey(), e.getKey())) {
                        patterned = true;
                        validate(p.getValue(), e.getValue(), context + "." + e.getKey(), out, depth + 1);
                    }
                }
            }
            if (!declared && !patterned && additional != null) {
                if (additional.isBoolean() && !additional.asBoolean()) {
                    out.add(failure("additional_property_not_allowed", context, "Additional property " + e.getKey() + " is not allowed"));
                } else if (additional.isObject()) {
                    validate(additional, e.getValue(), context + "." + e.getKey(), out, depth + 1);
                }
            }
        }
        JsonNode names = schema.get("propertyNames");
        if (names != null) {
            for (String key : fields.keySet()) {
                if (!quietly(names, com.fasterxml.jackson.databind.node.TextNode.valueOf(key), context, depth).isEmpty()) {
                    out.add(failure("invalid_property_name", context, "Property name of \"" + key + "\" does not match"));
                }
            }
        }
        if (properties != null) {
            TreeMap<String, JsonNode> declared = new TreeMap<>();
            properties.fields().forEachRemaining(e -> declared.put(e.getKey(), e.getValue()));
            for (Map.Entry<String, JsonNode> p : declared.entrySet()) {
                JsonNode v = o.get(p.getKey());
                if (v != null) validate(p.getValue(), v, context + "." + p.getKey(), out, depth + 1);
            }
        }
    }

    private static void common(JsonNode schema, JsonNode value, String context, List<Failure> out) {
        JsonNode constant = schema.get("const");
        if (constant != null && !sameJson(constant, value)) {
            out.add(failure("const", context, field(context) + " does not match: " + GoJsonNode.write(constant)));
        }
        JsonNode enumeration = schema.get("enum");
        if (enumeration != null) {
            boolean found = false;
            List<String> allowed = new ArrayList<>();
            for (JsonNode e : enumeration) {
                found |= sameJson(e, value);
                allowed.add(GoJsonNode.write(e));
            }
            if (!found) out.add(failure("enum", context, field(context) + " must be one of the following: " + String.join(", ", allowed)));
        }
    }

    /** JSON equality with numbers compared by value (1 equals 1.0). */
    private static boolean sameJson(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) return a.decimalValue().compareTo(b.decimalValue()) == 0;
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) return false;
            for (int i = 0; i < a.size(); i++) if (!sameJson(a.get(i), b.get(i))) return false;
            return true;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) return false;
            Iterator<Map.Entry<String, JsonNode>> it = a.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode other = b.get(e.getKey());
                if (other == null || !sameJson(e.getValue(), other)) return false;
            }
            return true;
        }
        return a.equals(b);
    }

    private static String text(JsonNode n) {
        return n.decimalValue().stripTrailingZeros().toPlainString();
    }

    private static String field(String context) {
        return context.equals("(root)") ? context : context.substring("(root).".length());
    }

    private static Failure failure(String type, String context, String description) {
        return new Failure(type, field(context), description);
    }
}
