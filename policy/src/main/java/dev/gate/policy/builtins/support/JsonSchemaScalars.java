package dev.gate.policy.builtins.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gate.policy.builtins.support.JsonSchemaCheck.Failure;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The keywords on numbers and strings, and const / enum, with gojsonschema's error types and descriptions. */
final class JsonSchemaScalars {
    private JsonSchemaScalars() {}

    static void number(JsonNode schema, BigDecimal n, String context, List<Failure> out) {
        JsonNode multipleOf = schema.get("multipleOf");
        if (multipleOf != null && n.remainder(multipleOf.decimalValue()).signum() != 0) {
            out.add(failure("multiple_of", context, "Must be a multiple of " + text(multipleOf)));
        }
        bound(schema, n, context, out, "maximum", "exclusiveMaximum", true);
        bound(schema, n, context, out, "minimum", "exclusiveMinimum", false);
    }

    /** Draft 4 writes exclusiveMaximum as a boolean beside maximum; drafts 6 and 7 as a number of its own. */
    private static void bound(
            JsonNode schema,
            BigDecimal n,
            String context,
            List<Failure> out,
            String inclusive,
            String exclusive,
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
            return exclusive
                    ? failure("number_lt", context, "Must be less than " + text(limit))
                    : failure("number_lte", context, "Must be less than or equal to " + text(limit));
        }
        return exclusive
                ? failure("number_gt", context, "Must be greater than " + text(limit))
                : failure("number_gte", context, "Must be greater than or equal to " + text(limit));
    }

    static void string(JsonNode schema, String s, String context, List<Failure> out) {
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

    static void common(JsonNode schema, JsonNode value, String context, List<Failure> out) {
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
            if (!found)
                out.add(failure(
                        "enum",
                        context,
                        field(context) + " must be one of the following: " + String.join(", ", allowed)));
        }
    }

    /** JSON equality with numbers compared by value (1 equals 1.0). */
    static boolean sameJson(JsonNode a, JsonNode b) {
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

    static String field(String context) {
        return context.equals("(root)") ? context : context.substring("(root).".length());
    }

    static Failure failure(String type, String context, String description) {
        return new Failure(type, field(context), description);
    }
}
