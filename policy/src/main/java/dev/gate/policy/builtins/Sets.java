package dev.gate.policy.builtins;

import dev.gate.policy.value.SetValue;
import dev.gate.policy.value.Value;
import java.util.List;
import java.util.TreeSet;

/** Set intersection and union: infix {@code &} and {@code |} ("and", "or") and their n-ary forms over a set of sets. */
final class Sets {
    static final BuiltinDeclaration AND =
            BuiltinDeclaration.of("and", "set", "Returns the intersection of two sets.", "set", "set");
    static final BuiltinDeclaration OR =
            BuiltinDeclaration.of("or", "set", "Returns the union of two sets.", "set", "set");
    static final BuiltinDeclaration INTERSECTION =
            BuiltinDeclaration.of("intersection", "set", "Returns the intersection of the given sets.", "set");
    static final BuiltinDeclaration UNION =
            BuiltinDeclaration.of("union", "set", "Returns the union of the given sets.", "set");

    private Sets() {}

    static void register(BuiltinRegistry r) {
        r.add(AND, (ctx, args) -> intersect(Operands.set("and", args, 1), Operands.set("and", args, 2)));
        r.add(OR, (ctx, args) -> union(Operands.set("or", args, 1), Operands.set("or", args, 2)));
        r.add(INTERSECTION, (ctx, args) -> intersectAll(args));
        r.add(UNION, (ctx, args) -> unionAll(args));
    }

    private static SetValue intersect(SetValue a, SetValue b) {
        TreeSet<Value> out = new TreeSet<>(a.elements());
        out.retainAll(b.elements());
        return SetValue.of(out);
    }

    private static SetValue union(SetValue a, SetValue b) {
        TreeSet<Value> out = new TreeSet<>(a.elements());
        out.addAll(b.elements());
        return SetValue.of(out);
    }

    private static Value intersectAll(List<Value> args) {
        SetValue sets = Operands.set("intersection", args, 1);
        TreeSet<Value> out = null;
        for (Value v : sets.elements()) {
            SetValue s = Operands.set("intersection", List.of(v), 1);
            if (out == null) out = new TreeSet<>(s.elements());
            else out.retainAll(s.elements());
        }
        return out == null ? SetValue.EMPTY : SetValue.of(out);
    }

    private static Value unionAll(List<Value> args) {
        SetValue sets = Operands.set("union", args, 1);
        TreeSet<Value> out = new TreeSet<>();
        for (Value v : sets.elements())
            out.addAll(Operands.set("union", List.of(v), 1).elements());
        return SetValue.of(out);
    }
}
