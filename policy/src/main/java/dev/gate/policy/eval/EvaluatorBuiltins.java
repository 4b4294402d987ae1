package dev.gate.policy.eval;

import dev.gate.policy.ast.Term;
import dev.gate.policy.eval.Continuations.Values;
import dev.gate.policy.value.ArrayValue;
import dev.gate.policy.value.BooleanValue;
import dev.gate.policy.value.RegoText;
import dev.gate.policy.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Builtins the evaluator implements itself, because they need more than their operands' values: {@code print} shows
 * undefined operands, {@code walk} yields many values, and membership ({@code in}) records its own coverage.
 */
final class EvaluatorBuiltins {
    private final Evaluation ev;

    EvaluatorBuiltins(Evaluation ev) {
        this.ev = ev;
    }

    static boolean has(String name) {
        return name.equals("internal.member_2")
                || name.equals("internal.member_3")
                || name.equals("walk")
                || name.equals("print");
    }

    void call(Term.Call c, String name, Bindings b, Values k) {
        if (!name.startsWith("internal.member")) ev.operated(c.span());
        if (name.equals("print")) {
            print(c, b);
            k.accept(BooleanValue.TRUE);
        } else if (name.equals("walk")) {
            ev.terms.eval(c.args().get(0), b, root -> walk(root, new ArrayList<>(), k));
        } else if (name.equals("internal.member_2")) {
            ev.terms.eval(
                    c.args().get(0),
                    b,
                    x -> ev.terms.eval(c.args().get(1), b, coll -> {
                        ev.operated(c.span());
                        boolean[] found = {false};
                        Documents.each(coll, (key, value) -> {
                            if (!found[0] && value.equals(x)) found[0] = true;
                        });
                        k.accept(BooleanValue.of(found[0]));
                    }));
        } else {
            ev.terms.eval(
                    c.args().get(0),
                    b,
                    key -> ev.terms.eval(
                            c.args().get(1),
                            b,
                            x -> ev.terms.eval(c.args().get(2), b, coll -> {
                                ev.operated(c.span());
                                Value v = Documents.index(coll, key);
                                k.accept(BooleanValue.of(v != null && v.equals(x)));
                            })));
        }
    }

    /** print(...): each operand's first value, or {@code <undefined>}. */
    private void print(Term.Call c, Bindings b) {
        List<String> parts = new ArrayList<>();
        for (Term a : c.args()) {
            TreeSet<String> shown = new TreeSet<>();
            ev.succeeds(
                    b,
                    found -> ev.terms.eval(a, b, v -> {
                        shown.add(RegoText.display(v));
                        found.run();
                    }));
            parts.add(shown.isEmpty() ? "<undefined>" : shown.first());
        }
        if (ev.printOut != null) ev.printOut.println(String.join(" ", parts));
    }

    /** walk(x): every [path, value] pair of a document, the root first. */
    private static void walk(Value v, List<Value> path, Values k) {
        k.accept(ArrayValue.of(ArrayValue.of(path), v));
        Documents.each(v, (key, child) -> {
            path.add(key);
            walk(child, path, k);
            path.remove(path.size() - 1);
        });
    }
}
