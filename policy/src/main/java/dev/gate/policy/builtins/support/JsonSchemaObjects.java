package dev.gate.policy.builtins.support;

import static dev.gate.policy.builtins.support.JsonSchemaScalars.failure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.gate.policy.builtins.support.JsonSchemaCheck.Failure;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The keywords on objects: minProperties, maxProperties, required, patternProperties, additionalProperties,
 * propertyNames and properties. Properties are visited in name order, as gojsonschema reports them, and a
 * property's failures are named under the object ("a.b").
 */
final class JsonSchemaObjects {
    private JsonSchemaObjects() {}

    static void check(
            JsonSchemaValidation walk, JsonNode schema, JsonNode o, String context, List<Failure> out, int depth) {
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
        TreeMap<String, JsonNode> fields = sorted(o);
        patternedAndAdditional(walk, schema, fields, context, out, depth);
        JsonNode names = schema.get("propertyNames");
        if (names != null) {
            for (String key : fields.keySet()) {
                if (!walk.quietly(names, TextNode.valueOf(key), context, depth).isEmpty()) {
                    out.add(failure(
                            "invalid_property_name", context, "Property name of \"" + key + "\" does not match"));
                }
            }
        }
        JsonNode properties = schema.get("properties");
        if (properties != null) {
            for (Map.Entry<String, JsonNode> p : sorted(properties).entrySet()) {
                JsonNode v = o.get(p.getKey());
                if (v != null) walk.validate(p.getValue(), v, context + "." + p.getKey(), out, depth + 1);
            }
        }
    }

    /**
     * Each property against the patternProperties its name matches, and, when neither declared nor matched, against
     * additionalProperties.
     */
    private static void patternedAndAdditional(
            JsonSchemaValidation walk,
            JsonNode schema,
            TreeMap<String, JsonNode> fields,
            String context,
            List<Failure> out,
            int depth) {
        JsonNode properties = schema.get("properties");
        JsonNode patterns = schema.get("patternProperties");
        JsonNode additional = schema.get("additionalProperties");
        for (Map.Entry<String, JsonNode> e : fields.entrySet()) {
            boolean declared = properties != null && properties.has(e.getKey());
            boolean patterned = false;
            if (patterns != null) {
                Iterator<Map.Entry<String, JsonNode>> it = patterns.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> p = it.next();
                    if (Re2.matches(p.getKey(), e.getKey())) {
                        patterned = true;
                        walk.validate(p.getValue(), e.getValue(), context + "." + e.getKey(), out, depth + 1);
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
                    walk.validate(additional, e.getValue(), context + "." + e.getKey(), out, depth + 1);
                }
            }
        }
    }

    private static TreeMap<String, JsonNode> sorted(JsonNode object) {
        TreeMap<String, JsonNode> fields = new TreeMap<>();
        object.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue()));
        return fields;
    }
}
