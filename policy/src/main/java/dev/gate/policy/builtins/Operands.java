package dev.gate.policy.builtins;

import dev.gate.policy.value.ArrayValue;
import dev.gate.policy.value.BooleanValue;
import dev.gate.policy.value.NumberValue;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.SetValue;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;
import java.util.List;

/**
 * Shared operand checks producing OPA's messages, e.g.
 * {@code array.concat: operand 2 must be array but got object}. Positions are 1-based.
 */
public final class Operands {
    private Operands() {}

    public static ArrayValue array(String builtin, List<Value> args, int pos) {
        return as(ArrayValue.class, "array", builtin, args, pos);
    }

    public static ObjectValue object(String builtin, List<Value> args, int pos) {
        return as(ObjectValue.class, "object", builtin, args, pos);
    }

    public static SetValue set(String builtin, List<Value> args, int pos) {
        return as(SetValue.class, "set", builtin, args, pos);
    }

    public static String string(String builtin, List<Value> args, int pos) {
        return as(StringValue.class, "string", builtin, args, pos).value();
    }

    public static NumberValue number(String builtin, List<Value> args, int pos) {
        return as(NumberValue.class, "number", builtin, args, pos);
    }

    public static boolean bool(String builtin, List<Value> args, int pos) {
        return as(BooleanValue.class, "boolean", builtin, args, pos).value();
    }

    /** An operand that must be an integer number. */
    public static int integer(String builtin, List<Value> args, int pos) {
        Integer n = number(builtin, args, pos).intValueExact();
        if (n == null)
            throw BuiltinException.type(
                    builtin + ": operand " + pos + " must be integer number but got floating-point number");
        return n;
    }

    /** For operands that accept several kinds: "operand 1 must be one of {array, set} but got string". */
    public static BuiltinException mustBeOneOf(String builtin, int pos, Value got, String... kinds) {
        return BuiltinException.type(builtin + ": operand " + pos + " must be one of {" + String.join(", ", kinds)
                + "} but got " + got.typeName());
    }

    public static BuiltinException mustBe(String builtin, int pos, String kind, Value got) {
        return BuiltinException.type(builtin + ": operand " + pos + " must be " + kind + " but got " + got.typeName());
    }

    private static <T extends Value> T as(Class<T> type, String kind, String builtin, List<Value> args, int pos) {
        Value v = args.get(pos - 1);
        if (type.isInstance(v)) return type.cast(v);
        throw mustBe(builtin, pos, kind, v);
    }
}
