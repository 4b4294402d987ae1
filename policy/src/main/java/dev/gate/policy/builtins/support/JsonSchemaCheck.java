package dev.gate.policy.builtins.support;

import static dev.gate.policy.builtins.support.JsonSchemaScalars.failure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON Schema (drafts 4 to 7, as gojsonschema reads them) for json.verify_schema and json.match_schema: schema
 * checks with gojsonschema's complaints, and validation errors with its types, fields ("(root)", "a.b.0") and
 * descriptions. Local {@code $ref}s ("#", "#/definitions/x") are followed; remote ones are refused.
 */
public final class JsonSchemaCheck {

    /** One validation error as OPA reports it. */
    public record Failure(String type, String field, String description) {
        public String error() {
            return field + ": " + description;
        }
    }

    private final JsonNode root;
    private final List<Failure> failures = new ArrayList<>();
    /** gojsonschema's score: values fully checked (not stopped by a type mismatch); picks anyOf's closest branch. */
    private int score;

    private JsonSchemaCheck(JsonNode root) {
        this.root = root;
    }

    /** Throws IllegalArgumentException with gojsonschema's complaint when the schema itself is not valid. */
    public static void verify(JsonNode schema) {
        JsonSchemaRules.verify(schema);
    }

    public static List<Failure> validate(JsonNode schema, JsonNode document) {
        verify(schema);
        JsonSchemaCheck check = new JsonSchemaCheck(schema);
        check.validate(schema, document, "(root)", check.failures, 0);
        return check.failures;
    }

    private void validate(JsonNode schema, JsonNode value, String context, List<Failure> out, int depth) {
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
        combinators(schema, value, context, out, depth);
        if (value.isNumber()) JsonSchemaScalars.number(schema, value.decimalValue(), context, out);
        if (value.isTextual()) JsonSchemaScalars.string(schema, value.asText(), context, out);
        if (value.isArray()) array(schema, (ArrayNode) value, context, out, depth);
        if (value.isObject()) object(schema, value, context, out, depth);
        JsonSchemaScalars.common(schema, value, context, out);
        score++;
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

    private void array(JsonNode schema, ArrayNode a, String context, List<Failure> out, int depth) {
        JsonNode items = schema.get("items");
        if (items != null && items.isArray()) {
            for (int i = 0; i < Math.min(items.size(), a.size()); i++)
                validate(items.get(i), a.get(i), context + "." + i, out, depth + 1);
            JsonNode additional = schema.get("additionalItems");
            if (additional != null && a.size() > items.size()) {
                if (additional.isBoolean() && !additional.asBoolean()) {
                    out.add(failure("array_no_additional_items", context, "No additional items allowed on array"));
                } else if (additional.isObject()) {
                    for (int i = items.size(); i < a.size(); i++)
                        validate(additional, a.get(i), context + "." + i, out, depth + 1);
                }
            }
        } else if (items != null) {
            for (int i = 0; i < a.size(); i++) validate(items, a.get(i), context + "." + i, out, depth + 1);
        }
        JsonNode min = schema.get("minItems");
        if (min != null && a.size() < min.asInt())
            out.add(failure("array_min_items", context, "Array must have at least " + min.asInt() + " items"));
        JsonNode max = schema.get("maxItems");
        if (max != null && a.size() > max.asInt())
            out.add(failure("array_max_items", context, "Array must have at most " + max.asInt() + " items"));
        JsonNode unique = schema.get("uniqueItems");
        if (unique != null && unique.asBoolean()) {
            outer:
            for (int i = 0; i < a.size(); i++) {
                for (int j = i + 1; j < a.size(); j++) {
                    if (JsonSchemaScalars.sameJson(a.get(i), a.get(j))) {
                        out.add(failure("unique", context, "array items[" + i + "," + j + "] must be unique"));
                        break outer;
                    }
                }
            }
        }
        JsonNode contains = schema.get("contains");
        if (contains != null) {
            boolean any = false;
            for (JsonNode item : a)
                any |= quietly(contains, item, context, depth).isEmpty();
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
                    out.add(failure(
                            "additional_property_not_allowed",
                            context,
                            "Additional property " + e.getKey() + " is not allowed"));
                } else if (additional.isObject()) {
                    validate(additional, e.getValue(), context + "." + e.getKey(), out, depth + 1);
                }
            }
        }
        JsonNode names = schema.get("propertyNames");
        if (names != null) {
            for (String key : fields.keySet()) {
                if (!quietly(names, com.fasterxml.jackson.databind.node.TextNode.valueOf(key), context, depth)
                        .isEmpty()) {
                    out.add(failure(
                            "invalid_property_name", context, "Property name of \"" + key + "\" does not match"));
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
}
