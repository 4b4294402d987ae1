package dev.gate.policy.eval;

import dev.gate.policy.builtins.BuiltinDeclaration;
import dev.gate.policy.builtins.BuiltinException;
import dev.gate.policy.builtins.BuiltinRegistry;
import dev.gate.policy.builtins.Operands;
import dev.gate.policy.value.ArrayValue;
import dev.gate.policy.value.BooleanValue;
import dev.gate.policy.value.NumberValue;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.SetValue;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.TreeSet;
import java.util.function.BinaryOperator;
import java.util.function.IntPredicate;

/**
 * The operators the language itself needs (infix {@code + - * / % == != < <= > >=}) and {@code count};
 * they belong to the engine, the other families live in the builtins package.
 */
public final class Operators {
    /** Division keeps well beyond double precision, as OPA's big-number arithmetic does. */
    private static final MathContext DIVISION = MathContext.DECIMAL128;

    private Operators() {}

    public static void register(BuiltinRegistry registry) {
        arithmetic(registry, "plus", BigDecimal::add);
        arithmetic(registry, "mul", BigDecimal::multiply);
        registry.add(
                BuiltinDeclaration.of(
                        "minus",
                        "number|set",
                        "Minus subtracts numbers or takes a set difference.",
                        "number|set",
                        "number|set"),
                (ctx, args) -> minus(args));
        registry.add(
                BuiltinDeclaration.of("div", "number", "Divides the first number by the second.", "number", "number"),
                (ctx, args) -> div(args));
        registry.add(
                BuiltinDeclaration.of("rem", "number", "Remainder of integer division.", "number", "number"),
                (ctx, args) -> rem(args));
        comparison(registry, "equal", c -> c == 0);
        comparison(registry, "neq", c -> c != 0);
        comparison(registry, "lt", c -> c < 0);
        comparison(registry, "lte", c -> c <= 0);
        comparison(registry, "gt", c -> c > 0);
        comparison(registry, "gte", c -> c >= 0);
        registry.add(
                BuiltinDeclaration.of(
                        "count",
                        "number",
                        "Counts elements of a collection or characters of a string.",
                        "string|array|object|set"),
                (ctx, args) -> count(args.get(0)));
    }

    private static void arithmetic(BuiltinRegistry registry, String name, BinaryOperator<BigDecimal> op) {
        registry.add(
                BuiltinDeclaration.of(name, "number", "Arithmetic " + name + " of two numbers.", "number", "number"),
                (ctx, args) -> NumberValue.of(op.apply(
                        Operands.number(name, args, 1).decimal(),
                        Operands.number(name, args, 2).decimal())));
    }

    private static void comparison(BuiltinRegistry registry, String name, IntPredicate test) {
        registry.add(
                BuiltinDeclaration.of(name, "boolean", "Compares two values in OPA's total order.", "any", "any"),
                (ctx, args) -> BooleanValue.of(test.test(args.get(0).compareTo(args.get(1)))));
    }

    private static Value minus(List<Value> args) {
        Value a = args.get(0), b = args.get(1);
        if (a instanceof NumberValue x && b instanceof NumberValue y)
            return NumberValue.of(x.decimal().subtract(y.decimal()));
        if (a instanceof SetValue x && b instanceof SetValue y) {
            TreeSet<Value> rest = new TreeSet<>(x.elements());
            rest.removeAll(y.elements());
            return SetValue.of(rest);
        }
        if (!(a instanceof NumberValue) && !(a instanceof SetValue))
            throw Operands.mustBeOneOf("minus", 1, a, "number", "set");
        throw Operands.mustBe("minus", 2, a.typeName(), b);
    }

    private static Value div(List<Value> args) {
        BigDecimal a = Operands.number("div", args, 1).decimal(),
                b = Operands.number("div", args, 2).decimal();
        if (b.signum() == 0) throw BuiltinException.builtin("div", "divide by zero");
        return NumberValue.of(a.divide(b, DIVISION));
    }

    private static Value rem(List<Value> args) {
        NumberValue a = Operands.number("rem", args, 1), b = Operands.number("rem", args, 2);
        if (!a.isInteger() || !b.isInteger()) throw BuiltinException.builtin("rem", "modulo on floating-point number");
        if (b.decimal().signum() == 0) throw BuiltinException.builtin("rem", "modulo by zero");
        return NumberValue.of(a.bigInteger().remainder(b.bigInteger()));
    }

    private static Value count(Value v) {
        if (v instanceof ArrayValue a) return NumberValue.of(a.size());
        if (v instanceof SetValue s) return NumberValue.of(s.size());
        if (v instanceof ObjectValue o) return NumberValue.of(o.size());
        if (v instanceof StringValue s)
            return NumberValue.of(s.value().codePointCount(0, s.value().length()));
        throw Operands.mustBeOneOf("count", 1, v, "array", "object", "set", "string");
    }
}
