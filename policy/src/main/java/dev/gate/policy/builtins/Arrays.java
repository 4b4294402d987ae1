package dev.gate.policy.builtins;

import dev.gate.policy.value.ArrayValue;
import dev.gate.policy.value.Value;
import java.util.ArrayList;
import java.util.List;

/** array.concat, array.slice, array.reverse and array.flatten. */
final class Arrays {
    static final BuiltinDeclaration CONCAT =
            BuiltinDeclaration.of("array.concat", "array", "Concatenates two arrays.", "array", "array");
    static final BuiltinDeclaration SLICE = BuiltinDeclaration.of(
            "array.slice",
            "array",
            "Returns a slice of an array; indexes are clamped to the array's bounds.",
            "array",
            "number",
            "number");
    static final BuiltinDeclaration REVERSE =
            BuiltinDeclaration.of("array.reverse", "array", "Returns the array in reverse order.", "array");
    static final BuiltinDeclaration FLATTEN = BuiltinDeclaration.of(
            "array.flatten", "array", "Splices the elements of nested arrays into the array, one level deep.", "array");

    private Arrays() {}

    static void register(BuiltinRegistry r) {
        r.add(CONCAT, (ctx, args) -> concat(args));
        r.add(SLICE, (ctx, args) -> slice(args));
        r.add(REVERSE, (ctx, args) -> reverse(args));
        r.add(FLATTEN, (ctx, args) -> flatten(args));
    }

    private static Value concat(List<Value> args) {
        ArrayValue a = Operands.array("array.concat", args, 1), b = Operands.array("array.concat", args, 2);
        List<Value> out = new ArrayList<>(a.elements());
        out.addAll(b.elements());
        return ArrayValue.of(out);
    }

    private static Value slice(List<Value> args) {
        ArrayValue a = Operands.array("array.slice", args, 1);
        int start = Operands.integer("array.slice", args, 2);
        int stop = Operands.integer("array.slice", args, 3);
        stop = Math.max(0, Math.min(stop, a.size()));
        start = Math.max(0, Math.min(start, stop));
        return ArrayValue.of(a.elements().subList(start, stop));
    }

    private static Value reverse(List<Value> args) {
        List<Value> out =
                new ArrayList<>(Operands.array("array.reverse", args, 1).elements());
        java.util.Collections.reverse(out);
        return ArrayValue.of(out);
    }

    /** One level only: elements that are arrays are spliced in, arrays inside them stay. */
    private static Value flatten(List<Value> args) {
        List<Value> out = new ArrayList<>();
        for (Value v : Operands.array("array.flatten", args, 1).elements()) {
            if (v instanceof ArrayValue inner) out.addAll(inner.elements());
            else out.add(v);
        }
        return ArrayValue.of(out);
    }
}
