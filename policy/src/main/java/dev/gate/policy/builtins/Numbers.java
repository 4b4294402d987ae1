package dev.gate.policy.builtins;

import dev.gate.policy.builtins.support.OpaNumbers;
import dev.gate.policy.value.NumberValue;
import dev.gate.policy.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.function.UnaryOperator;

/** abs, round, ceil, floor, numbers.range and numbers.range_step (the infix operators are the engine's). */
final class Numbers {
    static final BuiltinDeclaration ABS = BuiltinDeclaration.of("abs", "number", "Absolute value.", "number");
    static final BuiltinDeclaration ROUND =
            BuiltinDeclaration.of("round", "number", "Rounds to the nearest integer, halves away from zero.", "number");
    static final BuiltinDeclaration CEIL =
            BuiltinDeclaration.of("ceil", "number", "Rounds up to an integer.", "number");
    static final BuiltinDeclaration FLOOR =
            BuiltinDeclaration.of("floor", "number", "Rounds down to an integer.", "number");
    static final BuiltinDeclaration RANGE = BuiltinDeclaration.of(
            "numbers.range",
            "array",
            "Every integer from a to b inclusive, descending when b < a.",
            "number",
            "number");
    static final BuiltinDeclaration RANGE_STEP = BuiltinDeclaration.of(
            "numbers.range_step",
            "array",
            "Integers from a towards b inclusive in steps of a positive integer.",
            "number",
            "number",
            "number");

    /**
     * More elements than this is refused: OPA would try until memory or the deadline runs out, and memory goes first
     * (a range of 1e9 is gigabytes). No policy needs a range this long.
     */
    static final BigInteger MAX_RANGE = BigInteger.valueOf(1L << 24);

    private Numbers() {}

    static void register(BuiltinRegistry r) {
        unary(r, ABS, BigDecimal::abs);
        unary(r, ROUND, OpaNumbers::round);
        unary(r, CEIL, OpaNumbers::ceil);
        unary(r, FLOOR, OpaNumbers::floor);
        r.add(RANGE, (ctx, args) -> {
            BigInteger a = Values.bigInteger("numbers.range", args, 1), b = Values.bigInteger("numbers.range", args, 2);
            checkSize("numbers.range", a, b, BigInteger.ONE);
            return Values.integers(OpaNumbers.range(a, b, ctx::checkDeadline));
        });
        r.add(RANGE_STEP, (ctx, args) -> rangeStep(ctx, args));
    }

    private static void unary(BuiltinRegistry r, BuiltinDeclaration d, UnaryOperator<BigDecimal> op) {
        r.add(
                d,
                (ctx, args) -> NumberValue.of(
                        op.apply(Operands.number(d.name(), args, 1).decimal())));
    }

    private static void checkSize(String name, BigInteger a, BigInteger b, BigInteger step) {
        if (b.subtract(a).abs().divide(step).compareTo(MAX_RANGE) >= 0) {
            throw BuiltinException.builtin(name, "range of more than " + MAX_RANGE + " numbers refused");
        }
    }

    private static Value rangeStep(BuiltinContext ctx, List<Value> args) {
        String name = "numbers.range_step";
        BigInteger a = Values.bigInteger(name, args, 1),
                b = Values.bigInteger(name, args, 2),
                step = Values.bigInteger(name, args, 3);
        if (step.signum() > 0) checkSize(name, a, b, step);
        try {
            return Values.integers(OpaNumbers.rangeStep(a, b, step, ctx::checkDeadline));
        } catch (IllegalArgumentException e) {
            throw BuiltinException.builtin(name, e.getMessage());
        }
    }
}
