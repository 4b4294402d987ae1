package dev.gate.policy.builtins.support;

import static dev.gate.policy.builtins.support.JsonSchemaScalars.failure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.gate.policy.builtins.support.JsonSchemaCheck.Failure;
import java.util.List;

/**
 * The keywords on arrays: items (one schema for all, or one per position with additionalItems after them), minItems,
 * maxItems, uniqueItems and contains. An item's failures are named by its index under the array ("a.0").
 */
final class JsonSchemaArrays {
    private JsonSchemaArrays() {}

    static void check(
            JsonSchemaValidation walk, JsonNode schema, ArrayNode a, String context, List<Failure> out, int depth) {
        items(walk, schema, a, context, out, depth);
        JsonNode min = schema.get("minItems");
        if (min != null && a.size() < min.asInt())
            out.add(failure("array_min_items", context, "Array must have at least " + min.asInt() + " items"));
        JsonNode max = schema.get("maxItems");
        if (max != null && a.size() > max.asInt())
            out.add(failure("array_max_items", context, "Array must have at most " + max.asInt() + " items"));
        JsonNode unique = schema.get("uniqueItems");
        if (unique != null && unique.asBoolean()) unique(a, context, out);
        JsonNode contains = schema.get("contains");
        if (contains != null) {
            boolean any = false;
            for (JsonNode item : a)
                any |= walk.quietly(contains, item, context, depth).isEmpty();
            if (!any) out.add(failure("contains", context, "At least one of the items must match"));
        }
    }

    private static void items(
            JsonSchemaValidation walk, JsonNode schema, ArrayNode a, String context, List<Failure> out, int depth) {
        JsonNode items = schema.get("items");
        if (items != null && items.isArray()) {
            for (int i = 0; i < Math.min(items.size(), a.size()); i++)
                walk.validate(items.get(i), a.get(i), context + "." + i, out, depth + 1);
            JsonNode additional = schema.get("additionalItems");
            if (additional != null && a.size() > items.size()) {
                if (additional.isBoolean() && !additional.asBoolean()) {
                    out.add(failure("array_no_additional_items", context, "No additional items allowed on array"));
                } else if (additional.isObject()) {
                    for (int i = items.size(); i < a.size(); i++)
                        walk.validate(additional, a.get(i), context + "." + i, out, depth + 1);
                }
            }
        } else if (items != null) {
            for (int i = 0; i < a.size(); i++) walk.validate(items, a.get(i), context + "." + i, out, depth + 1);
        }
    }

    /** The first pair of equal items is reported, and only that one. */
    private static void unique(ArrayNode a, String context, List<Failure> out) {
        for (int i = 0; i < a.size(); i++) {
            for (int j = i + 1; j < a.size(); j++) {
                if (JsonSchemaScalars.sameJson(a.get(i), a.get(j))) {
                    out.add(failure("unique", context, "array items[" + i + "," + j + "] must be unique"));
                    return;
                }
            }
        }
    }
}
