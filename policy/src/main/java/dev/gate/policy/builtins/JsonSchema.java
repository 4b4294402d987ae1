package dev.gate.policy.builtins;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gate.policy.builtins.support.JsonSchemaCheck;
import dev.gate.policy.value.ArrayValue;
import dev.gate.policy.value.BooleanValue;
import dev.gate.policy.value.JsonValues;
import dev.gate.policy.value.NullValue;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** json.verify_schema and json.match_schema; a schema or document is JSON text or a value. */
final class JsonSchema {
    static final BuiltinDeclaration VERIFY_SCHEMA = BuiltinDeclaration.of(
            "json.verify_schema",
            "array",
            "Checks a JSON schema: [true, null] or [false, the complaint].",
            "string|object");
    static final BuiltinDeclaration MATCH_SCHEMA = BuiltinDeclaration.of(
            "json.match_schema",
            "array",
            "Validates a document against a schema: [valid, errors with error, type, field and desc].",
            "any",
            "string|object");

    private JsonSchema() {}

    static void register(BuiltinRegistry r) {
        r.add(VERIFY_SCHEMA, (ctx, args) -> verify(args));
        r.add(MATCH_SCHEMA, (ctx, args) -> match(args));
    }

    /** OPA's schema loader: JSON text or an object; anything else is refused. */
    private static JsonNode json(String name, Value v) {
        if (v instanceof StringValue s) {
            JsonNode node = Json.parse(s.value());
            if (node == null) throw BuiltinException.builtin(name, "invalid JSON string");
            return node;
        }
        if (v instanceof ObjectValue) return JsonValues.toJson(v);
        throw BuiltinException.builtin(name, "wrong type, expected string or object");
    }

    /** A schema that cannot be read or is not valid gives [false, "jsonschema: " and the complaint]. */
    private static Value verify(List<Value> args) {
        String name = VERIFY_SCHEMA.name();
        try {
            JsonSchemaCheck.verify(json(name, args.get(0)));
            return ArrayValue.of(BooleanValue.TRUE, NullValue.NULL);
        } catch (IllegalArgumentException e) {
            return ArrayValue.of(BooleanValue.FALSE, StringValue.of("jsonschema: " + e.getMessage()));
        } catch (BuiltinException e) {
            return ArrayValue.of(
                    BooleanValue.FALSE,
                    StringValue.of("jsonschema: " + e.getMessage().substring(name.length() + 2)));
        }
    }

    private static Value match(List<Value> args) {
        String name = MATCH_SCHEMA.name();
        JsonNode document = json(name, args.get(0));
        JsonNode schema = json(name, args.get(1));
        List<JsonSchemaCheck.Failure> failures = Values.guard(name, () -> JsonSchemaCheck.validate(schema, document));
        List<Value> errors = new ArrayList<>();
        for (JsonSchemaCheck.Failure f : failures) {
            Map<String, Value> e = new LinkedHashMap<>();
            e.put("error", StringValue.of(f.error()));
            e.put("type", StringValue.of(f.type()));
            e.put("field", StringValue.of(f.field()));
            e.put("desc", StringValue.of(f.description()));
            errors.add(ObjectValue.ofStrings(e));
        }
        return ArrayValue.of(BooleanValue.of(failures.isEmpty()), ArrayValue.of(errors));
    }
}
