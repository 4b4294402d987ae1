package dev.gate.policy.builtins;

import dev.gate.policy.value.ArrayValue;
import dev.gate.policy.value.BooleanValue;
import dev.gate.policy.value.NumberValue;
import dev.gate.policy.value.SetValue;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/** Conversions between Rego values and plain Java values that several families share. */
final class Values {
    private Values() {}

    static Value bool(boolean b) {
        return BooleanValue.of(b);
    }

    static Value str(String s) {
        return StringValue.of(s);
    }

    static Value num(long n) {
        return NumberValue.of(n);
    }

    static Value num(BigInteger n) {
        return NumberValue.of(n);
    }

    static Value num(BigDecimal n) {
        return NumberValue.of(n);
    }

    static ArrayValue strings(Collection<String> items) {
        List<Value> out = new ArrayList<>(items.size());
        for (String s : items) out.add(StringValue.of(s));
        return ArrayValue.of(out);
    }

    static SetValue stringSet(Collection<String> items) {
        List<Value> out = new ArrayList<>(items.size());
        for (String s : items) out.add(StringValue.of(s));
        return SetValue.of(out);
    }

    static ArrayValue integers(Collection<? extends Number> items) {
        List<Value> out = new ArrayList<>(items.size());
        for (Number n : items) {
            out.add(n instanceof BigInteger b ? NumberValue.of(b) : NumberValue.of(n.longValue()));
        }
        return ArrayValue.of(out);
    }

    /** The elements of an array or set operand, in order; anything else is OPA's "one of {array, set}" type error. */
    static List<Value> elementsOfArrayOrSet(String builtin, List<Value> args, int pos, String... kindsInMessage) {
        Value v = args.get(pos - 1);
        if (v instanceof ArrayValue a) return a.elements();
        if (v instanceof SetValue s) return List.copyOf(s.elements());
        throw Operands.mustBeOneOf(
                builtin, pos, v, kindsInMessage.length == 0 ? new String[] {"array", "set"} : kindsInMessage);
    }

    /** Strings of an array or set operand; a non-string element is "operand N must be array of strings but got array containing number". */
    static List<String> stringElements(String builtin, List<Value> args, int pos, String... kindsInMessage) {
        Value collection = args.get(pos - 1);
        List<String> out = new ArrayList<>();
        for (Value e : elementsOfArrayOrSet(builtin, args, pos, kindsInMessage)) {
            if (!(e instanceof StringValue s)) throw elementError(builtin, pos, collection, e, "string");
            out.add(s.value());
        }
        return out;
    }

    /** OPA's NewOperandElementErr text. */
    static BuiltinException elementError(String builtin, int pos, Value collection, Value element, String expected) {
        String kind = collection.typeName();
        return BuiltinException.type(builtin + ": operand " + pos + " must be " + kind + " of " + expected
                + "s but got " + kind + " containing " + element.typeName());
    }

    /** OPA's BigIntOperand: "must be integer but got string" for a non-number, its float message for a fraction. */
    static BigInteger bigInteger(String builtin, List<Value> args, int pos) {
        if (!(args.get(pos - 1) instanceof NumberValue n))
            throw Operands.mustBe(builtin, pos, "integer", args.get(pos - 1));
        if (!n.isInteger()) {
            throw BuiltinException.type(
                    builtin + ": operand " + pos + " must be integer number but got floating-point number");
        }
        return n.bigInteger();
    }

    /**
     * Runs a support call whose complaint ({@link IllegalArgumentException} or {@link ArithmeticException}) is OPA's
     * message without the builtin's name, and raises it as that builtin's error.
     */
    static <T> T guard(String name, Supplier<T> call) {
        try {
            return call.get();
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw BuiltinException.builtin(name, e.getMessage());
        }
    }
}
