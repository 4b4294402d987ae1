package dev.gate.policy.builtins;

import dev.gate.policy.builtins.support.YamlText;
import dev.gate.policy.value.JsonValues;
import dev.gate.policy.value.StringValue;

/** yaml.marshal, yaml.unmarshal and yaml.is_valid, through the JSON form of values as OPA converts them. */
final class Yaml {
    static final BuiltinDeclaration MARSHAL =
            BuiltinDeclaration.of("yaml.marshal", "string", "Serializes a value to YAML.", "any");
    static final BuiltinDeclaration UNMARSHAL =
            BuiltinDeclaration.of("yaml.unmarshal", "any", "Parses YAML text.", "string");
    static final BuiltinDeclaration IS_VALID =
            BuiltinDeclaration.of("yaml.is_valid", "boolean", "Whether a string is valid YAML.", "string");

    private Yaml() {}

    static void register(BuiltinRegistry r) {
        r.add(
                MARSHAL,
                (ctx, args) ->
                        Values.str(Values.guard("yaml.marshal", () -> YamlText.write(JsonValues.toJson(args.get(0))))));
        r.add(
                UNMARSHAL,
                (ctx, args) -> JsonValues.fromJson(Values.guard(
                        "yaml.unmarshal", () -> YamlText.parse(Operands.string("yaml.unmarshal", args, 1)))));
        r.add(
                IS_VALID,
                (ctx, args) -> Values.bool(args.get(0) instanceof StringValue s && YamlText.isValid(s.value())));
    }
}
