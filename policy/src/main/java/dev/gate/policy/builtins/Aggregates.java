package dev.gate.policy.builtins;

import dev.gate.policy.value.ArrayValue;
import dev.gate.policy.value.NumberValue;
import dev.gate.policy.value.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BinaryOperator;

/** sum, product, max, min and sort over arrays and sets ({@code count} is the engine's own). */
final class Aggregates {
    static final BuiltinDeclaration SUM = BuiltinDeclaration.of(
            "sum", "number", "Sums elements of an array or set of numbers.", "array[number]|set[number]");
    static final BuiltinDeclaration PRODUCT = BuiltinDeclaration.of(
            "product", "number", "Multiplies elements of an array or set of numbers.", "array[number]|set[number]");
    static final BuiltinDeclaration MAX =
            BuiltinDeclaration.of("max", "any", "Returns the maximum value in a collection.", "array|set");
    static final BuiltinDeclaration MIN =
            BuiltinDeclaration.of("min", "any", "Returns the minimum value in a collection.", "array|set");
    static final BuiltinDeclaration SORT =
            BuiltinDeclaration.of("sort", "array", "Returns a sorted array.", "array|set");

    private Aggregates() {}

    static void register(BuiltinRegistry r) {
        r.add(SUM, (ctx, args) -> fold("sum", args, BigDecimal.ZERO, BigDecimal::add));
        r.add(PRODUCT, (ctx, args) -> fold("product", args, BigDecimal.ONE, BigDecimal::multiply));
        r.add(MAX, (ctx, args) -> extreme("max", args, true));
        r.add(MIN, (ctx, args) -> extreme("min", args, false));
        r.add(SORT, (ctx, args) -> sort(args));
    }

    private static List<Value> collection(String name, List<Value> args) {
        return Values.elementsOfArrayOrSet(name, args, 1, "set", "array");
    }

    private static Value fold(String name, List<Value> args, BigDecimal start, BinaryOperator<BigDecimal> op) {
        BigDecimal acc = start;
        for (Value e : collection(name, args)) {
            if (!(e instanceof NumberValue n)) throw Values.elementError(name, 1, args.get(0), e, "number");
            acc = op.apply(acc, n.decimal());
        }
        return NumberValue.of(acc);
    }

    private static Value extreme(String name, List<Value> args, boolean max) {
        List<Value> items = collection(name, args);
        if (items.isEmpty()) return null;
        return max ? Collections.max(items) : Collections.min(items);
    }

    private static Value sort(List<Value> args) {
        List<Value> items = new ArrayList<>(collection("sort", args));
        Collections.sort(items);
        return ArrayValue.of(items);
    }
}
