package dev.gate.policy.eval;

import dev.gate.policy.ast.CallTarget;
import dev.gate.policy.ast.Literal;
import dev.gate.policy.ast.Term;
import dev.gate.policy.eval.Continuations.Next;
import dev.gate.policy.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code with} modifiers: an expression runs in a state whose input, data or functions are replaced, and whatever
 * follows it runs in the outer state again.
 */
final class WithScopes {
    private final Evaluation ev;

    WithScopes(Evaluation ev) {
        this.ev = ev;
    }

    /** A literal with {@code with} clauses; its continuation runs in the state outside them. */
    void literal(Literal l, Bindings b, Next k) {
        under(l.withs(), b, outer -> {
            Next restore = () -> ev.inState(outer, k);
            if (l.negated()) {
                if (!ev.succeeds(b, found -> ev.bodies.expression(l.expr(), b, found))) restore.run();
            } else {
                ev.bodies.expression(l.expr(), b, restore);
            }
        });
    }

    /** Runs {@code body} with the with clauses applied; it gets the outer state to run its continuations in. */
    void under(List<Literal.With> withs, Bindings b, Consumer<State> body) {
        Value[] values = new Value[withs.size()];
        values(withs, 0, values, b, () -> {
            State outer = ev.state;
            State inner = outer;
            for (int i = 0; i < withs.size(); i++) inner = apply(inner, withs.get(i), values[i]);
            ev.state = inner;
            try {
                body.accept(outer);
            } finally {
                ev.state = outer;
            }
        });
    }

    private void values(List<Literal.With> withs, int i, Value[] values, Bindings b, Next k) {
        if (i == withs.size()) {
            k.run();
            return;
        }
        Term v = withs.get(i).value();
        if (v instanceof Term.FunctionRef) {
            values[i] = null;
            values(withs, i + 1, values, b, k);
            return;
        }
        ev.terms.eval(v, b, val -> {
            values[i] = val;
            values(withs, i + 1, values, b, k);
        });
    }

    private static State apply(State s, Literal.With w, Value value) {
        Term target = w.target();
        if (target instanceof Term.FunctionRef f) {
            State.Mock mock = value == null
                    ? new State.Mock(((Term.FunctionRef) w.value()).target(), null)
                    : new State.Mock(null, value);
            return s.withMock(mockKey(f.target()), mock);
        }
        List<Value> path = new ArrayList<>();
        String root;
        if (target instanceof Term.Var v) root = v.name();
        else {
            Term.Ref r = (Term.Ref) target;
            root = ((Term.Var) r.head()).name();
            for (Term e : r.path()) path.add(((Term.Scalar) e).value());
        }
        if (root.equals("input")) return s.withInput(Documents.set(s.input, path, value));
        return s.withData(path, Documents.set(s.data, path, value));
    }

    /** The name a replacement is kept under: a function's dotted path or a builtin's name. */
    static String mockKey(CallTarget t) {
        return t instanceof CallTarget.Function f ? f.dotted() : ((CallTarget.Builtin) t).name();
    }
}
