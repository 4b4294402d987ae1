package dev.gate.policy.builtins;

import dev.gate.policy.builtins.support.OpaNumbers;
import dev.gate.policy.value.BooleanValue;
import dev.gate.policy.value.NullValue;
import dev.gate.policy.value.NumberValue;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;

/** to_number. */
final class Casts {
    static final BuiltinDeclaration TO_NUMBER = BuiltinDeclaration.of(
            "to_number",
            "number",
            "Converts null, a boolean, a number or a numeric string to a number.",
            "null|boolean|number|string");

    private Casts() {}

    static void register(BuiltinRegistry r) {
        r.add(TO_NUMBER, (ctx, args) -> toNumber(args.get(0)));
    }

    private static Value toNumber(Value v) {
        if (v instanceof NullValue) return NumberValue.of(0);
        if (v instanceof BooleanValue b) return NumberValue.of(b.value() ? 1 : 0);
        if (v instanceof NumberValue) return v;
        if (v instanceof StringValue s) {
            if (OpaNumbers.isNotFinite(s.value())) throw Operands.mustBe("to_number", 1, "valid number string", v);
            try {
                return NumberValue.of(OpaNumbers.parse(s.value()));
            } catch (NumberFormatException e) {
                throw BuiltinException.builtin("to_number", e.getMessage());
            }
        }
        throw Operands.mustBeOneOf("to_number", 1, v, "null", "boolean", "number", "string");
    }
}
