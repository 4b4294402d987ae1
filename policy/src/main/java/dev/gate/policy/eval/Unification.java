package dev.gate.policy.eval;

import dev.gate.policy.ast.Term;
import dev.gate.policy.eval.Continuations.Next;
import dev.gate.policy.value.ArrayValue;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * Unification ({@code =}, {@code :=}, patterns in {@code some ... in}, function arguments): unbound variables in array
 * and object patterns are bound to what stands opposite them; anything ground must be equal.
 */
final class Unification {
    private final Evaluation ev;

    Unification(Evaluation ev) {
        this.ev = ev;
    }

    /** Two terms, either of which may hold unbound variables. */
    void unify(Term a, Term c, Bindings b, Next k) {
        if (isUnboundVar(a, b)) {
            ev.terms.eval(c, b, v -> value(a, v, b, k));
            return;
        }
        if (isUnboundVar(c, b)) {
            ev.terms.eval(a, b, v -> value(c, v, b, k));
            return;
        }
        if (a instanceof Term.ArrayTerm x && c instanceof Term.ArrayTerm y) {
            if (x.elements().size() == y.elements().size()) pairs(x.elements(), y.elements(), 0, b, k);
            return;
        }
        if (a instanceof Term.ObjectTerm x
                && c instanceof Term.ObjectTerm y
                && hasUnboundPattern(a, b)
                && hasUnboundPattern(c, b)) {
            objects(x, y, b, k);
            return;
        }
        if (hasUnboundPattern(a, b)) {
            ev.terms.eval(c, b, v -> value(a, v, b, k));
            return;
        }
        if (hasUnboundPattern(c, b)) {
            ev.terms.eval(a, b, v -> value(c, v, b, k));
            return;
        }
        ev.terms.eval(
                a,
                b,
                va -> ev.terms.eval(c, b, vc -> {
                    if (va.equals(vc)) k.run();
                }));
    }

    /** Two object patterns: same keys, values unified pairwise (keys must be ground). */
    private void objects(Term.ObjectTerm x, Term.ObjectTerm y, Bindings b, Next k) {
        if (x.entries().size() != y.entries().size()) return;
        List<Term> keys = new ArrayList<>();
        for (Term.Entry e : x.entries()) keys.add(e.key());
        for (Term.Entry e : y.entries()) keys.add(e.key());
        ev.terms.all(keys, 0, new Value[keys.size()], b, kv -> {
            int n = x.entries().size();
            List<Term> left = new ArrayList<>(), right = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int j = kv.subList(n, 2 * n).indexOf(kv.get(i));
                if (j < 0) return;
                left.add(x.entries().get(i).value());
                right.add(y.entries().get(j).value());
            }
            pairs(left, right, 0, b, k);
        });
    }

    private void pairs(List<Term> xs, List<Term> ys, int i, Bindings b, Next k) {
        if (i == xs.size()) {
            k.run();
            return;
        }
        unify(xs.get(i), ys.get(i), b, () -> pairs(xs, ys, i + 1, b, k));
    }

    /** A pattern and a value. */
    void value(Term pattern, Value v, Bindings b, Next k) {
        if (pattern instanceof Term.Var var && !isRootVar(var)) {
            Value bound = b.get(var.name());
            if (bound == null) bind(var.name(), v, b, k);
            else if (bound.equals(v)) k.run();
        } else if (pattern instanceof Term.ArrayTerm a) {
            if (v instanceof ArrayValue arr && arr.size() == a.elements().size())
                elements(a.elements(), arr.elements(), 0, b, k);
        } else if (pattern instanceof Term.ObjectTerm o && hasUnboundPattern(o, b)) {
            if (v instanceof ObjectValue obj && obj.size() == o.entries().size()) entries(o.entries(), obj, 0, b, k);
        } else {
            ev.terms.eval(pattern, b, pv -> {
                if (pv.equals(v)) k.run();
            });
        }
    }

    /** Patterns and values pairwise, from {@code i} on (array elements, function arguments). */
    void elements(List<Term> patterns, List<Value> values, int i, Bindings b, Next k) {
        if (i == patterns.size()) {
            k.run();
            return;
        }
        value(patterns.get(i), values.get(i), b, () -> elements(patterns, values, i + 1, b, k));
    }

    private void entries(List<Term.Entry> entries, ObjectValue obj, int i, Bindings b, Next k) {
        if (i == entries.size()) {
            k.run();
            return;
        }
        Term.Entry e = entries.get(i);
        ev.terms.eval(e.key(), b, key -> {
            Value v = obj.get(key);
            if (v != null) value(e.value(), v, b, () -> entries(entries, obj, i + 1, b, k));
        });
    }

    /** Binds {@code name} for the span of {@code k}. */
    static void bind(String name, Value v, Bindings b, Next k) {
        int mark = b.mark();
        b.bind(name, v);
        try {
            k.run();
        } finally {
            b.undo(mark);
        }
    }

    private static boolean isRootVar(Term.Var v) {
        return v.name().equals("input") || v.name().equals("data");
    }

    static boolean isUnboundVar(Term t, Bindings b) {
        return t instanceof Term.Var v && !isRootVar(v) && !b.isBound(v.name());
    }

    static boolean hasUnboundPattern(Term t, Bindings b) {
        if (isUnboundVar(t, b)) return true;
        if (t instanceof Term.ArrayTerm a) {
            for (Term e : a.elements()) if (hasUnboundPattern(e, b)) return true;
        } else if (t instanceof Term.ObjectTerm o) {
            for (Term.Entry e : o.entries()) if (hasUnboundPattern(e.value(), b)) return true;
        }
        return false;
    }
}
