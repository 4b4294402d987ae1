package dev.gate.policy.builtins;

import dev.gate.policy.builtins.support.Units;
import dev.gate.policy.value.NumberValue;

/** units.parse and units.parse_bytes. */
final class UnitsBuiltins {
    static final BuiltinDeclaration PARSE = BuiltinDeclaration.of(
            "units.parse",
            "number",
            "Parses an amount with a decimal (k, M, G ...) or binary (Ki, Mi ...) suffix; m is milli.",
            "string");
    static final BuiltinDeclaration PARSE_BYTES = BuiltinDeclaration.of(
            "units.parse_bytes",
            "number",
            "Parses a byte amount (\"10KB\", \"1.5GiB\") to an integer number of bytes.",
            "string");

    private UnitsBuiltins() {}

    static void register(BuiltinRegistry r) {
        r.add(
                PARSE,
                (ctx, args) -> NumberValue.of(
                        Values.guard("units.parse", () -> Units.parse(Operands.string("units.parse", args, 1)))));
        r.add(
                PARSE_BYTES,
                (ctx, args) -> NumberValue.of(Values.guard(
                        "units.parse_bytes", () -> Units.parseBytes(Operands.string("units.parse_bytes", args, 1)))));
    }
}
