package dev.gate.policy.builtins.support;

import static dev.gate.policy.builtins.support.JsonSchemaScalars.failure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gate.policy.builtins.support.JsonSchemaCheck.Failure;
import dev.gate.policy.builtins.support.JsonSchemaValidation.Branch;
import java.util.List;

/**
 * The keywords that apply other schemas to the same value: anyOf, oneOf, allOf, not, dependencies and
 * if / then / else. Most must see a subschema's outcome before they know what to report, so they validate it quietly
 * and then report gojsonschema's complaint followed by the failures it gives as the reason.
 */
final class JsonSchemaCombinators {
    private JsonSchemaCombinators() {}

    static void check(
            JsonSchemaValidation walk, JsonNode schema, JsonNode value, String context, List<Failure> out, int depth) {
        JsonNode anyOf = schema.get("anyOf");
        if (anyOf != null) anyOf(walk, anyOf, value, context, out, depth);
        JsonNode oneOf = schema.get("oneOf");
        if (oneOf != null) oneOf(walk, oneOf, value, context, out, depth);
        JsonNode allOf = schema.get("allOf");
        if (allOf != null) allOf(walk, allOf, value, context, out, depth);
        JsonNode not = schema.get("not");
        if (not != null && walk.quietly(not, value, context, depth).isEmpty()) {
            out.add(failure("number_not", context, "Must not validate the schema (not)"));
        }
        JsonNode dependencies = schema.get("dependencies");
        if (dependencies != null && value.isObject()) dependencies(walk, dependencies, value, context, out, depth);
        JsonNode condition = schema.get("if");
        if (condition != null) condition(walk, schema, condition, value, context, out, depth);
    }

    /** On failure, the branch that came closest gives the reasons. */
    private static void anyOf(
            JsonSchemaValidation walk, JsonNode anyOf, JsonNode value, String context, List<Failure> out, int depth) {
        Branch best = null;
        for (JsonNode s : anyOf) {
            Branch b = walk.branch(s, value, context, depth);
            if (b.failures().isEmpty()) return;
            if (best == null || b.score() > best.score()) best = b;
        }
        out.add(failure("number_any_of", context, "Must validate at least one schema (anyOf)"));
        out.addAll(best.failures());
    }

    /** Reasons only when no branch passed; two or more passing get the complaint alone. */
    private static void oneOf(
            JsonSchemaValidation walk, JsonNode oneOf, JsonNode value, String context, List<Failure> out, int depth) {
        Branch best = null;
        int valid = 0;
        for (JsonNode s : oneOf) {
            Branch b = walk.branch(s, value, context, depth);
            if (b.failures().isEmpty()) valid++;
            else if (best == null || b.score() > best.score()) best = b;
        }
        if (valid != 1) {
            out.add(failure("number_one_of", context, "Must validate one and only one schema (oneOf)"));
            if (valid == 0) out.addAll(best.failures());
        }
    }

    /** Every branch's failures first, then the complaint. */
    private static void allOf(
            JsonSchemaValidation walk, JsonNode allOf, JsonNode value, String context, List<Failure> out, int depth) {
        boolean all = true;
        for (JsonNode s : allOf) {
            List<Failure> sub = walk.quietly(s, value, context, depth);
            all &= sub.isEmpty();
            out.addAll(sub);
        }
        if (!all) out.add(failure("number_all_of", context, "Must validate all the schemas (allOf)"));
    }

    /** A present property needs the listed others, or the object must pass the given schema. */
    private static void dependencies(
            JsonSchemaValidation walk,
            JsonNode dependencies,
            JsonNode value,
            String context,
            List<Failure> out,
            int depth) {
        dependencies.fields().forEachRemaining(e -> {
            if (!value.has(e.getKey())) return;
            if (e.getValue().isArray()) {
                for (JsonNode d : e.getValue()) {
                    if (!value.has(d.asText())) {
                        out.add(failure("missing_dependency", context, "Has a dependency on " + d.asText()));
                    }
                }
            } else {
                walk.validate(e.getValue(), value, context, out, depth + 1);
            }
        });
    }

    private static void condition(
            JsonSchemaValidation walk,
            JsonNode schema,
            JsonNode condition,
            JsonNode value,
            String context,
            List<Failure> out,
            int depth) {
        boolean holds = walk.quietly(condition, value, context, depth).isEmpty();
        JsonNode branch = schema.get(holds ? "then" : "else");
        List<Failure> sub = branch == null ? List.of() : walk.quietly(branch, value, context, depth);
        if (sub.isEmpty()) return;
        if (holds) out.add(failure("condition_then", context, "Must validate \"then\" as \"if\" was valid"));
        else out.add(failure("condition_else", context, "Must validate \"else\" as \"if\" was not valid"));
        out.addAll(sub);
    }
}
