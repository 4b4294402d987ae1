package dev.gate.policy.eval;

import dev.gate.policy.ast.CallTarget;
import dev.gate.policy.ast.Expr;
import dev.gate.policy.ast.Literal;
import dev.gate.policy.ast.Term;
import dev.gate.policy.eval.Continuations.Next;
import dev.gate.policy.value.ArrayValue;
import dev.gate.policy.value.BooleanValue;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.SetValue;
import java.util.List;

/** Bodies, literals and expressions: negation, {@code some ... in}, {@code and}/{@code or} operands and {@code every}. */
final class Bodies {
    private final Evaluation ev;

    Bodies(Evaluation ev) {
        this.ev = ev;
    }

    void body(List<Literal> body, int i, Bindings b, Next k) {
        if (i == body.size()) {
            k.run();
            return;
        }
        ev.tick();
        literal(body.get(i), b, () -> body(body, i + 1, b, k));
    }

    void literal(Literal l, Bindings b, Next k) {
        // OPA's compiler drops `some x` declarations, so they are never evaluated there.
        if (ev.coverage != null && !(l.expr() instanceof Expr.SomeVars)) ev.coverage.start(ev.file(), l.span());
        if (!l.withs().isEmpty()) {
            ev.withs.literal(l, b, k);
            return;
        }
        if (l.negated()) {
            // Operands OPA evaluates before the negation were made literals of their own by the compiler
            // (NegatedOperands).
            if (!ev.succeeds(b, found -> expression(l.expr(), b, found))) k.run();
            return;
        }
        expression(l.expr(), b, k);
    }

    void expression(Expr expr, Bindings b, Next k) {
        if (expr instanceof Expr.TermExpr t) {
            if (isOutputCall(t.term())) {
                Term.Call c = (Term.Call) t.term();
                Term out = c.args().get(c.args().size() - 1);
                ev.calls.call(c, c.args().size() - 1, b, v -> ev.unification.value(out, v, b, k));
            } else {
                ev.terms.eval(t.term(), b, v -> {
                    if (v != BooleanValue.FALSE) k.run();
                });
            }
        } else if (expr instanceof Expr.Unify u) {
            ev.unification.unify(u.left(), u.right(), b, k);
        } else if (expr instanceof Expr.Assign a) {
            ev.unification.unify(a.left(), a.right(), b, k);
        } else if (expr instanceof Expr.SomeVars) {
            k.run();
        } else if (expr instanceof Expr.SomeIn s) {
            ev.terms.eval(
                    s.collection(),
                    b,
                    coll -> Documents.each(
                            coll,
                            (key, value) -> ev.unification.value(s.value(), value, b, () -> {
                                if (s.key() == null) k.run();
                                else ev.unification.value(s.key(), key, b, k);
                            })));
        } else if (expr instanceof Expr.Logical g) {
            if (logicalSucceeds(g, b)) k.run();
        } else {
            every((Expr.Every) expr, b, k);
        }
    }

    /** Operands run left to right, each to its first solution, until the outcome is known; none binds anything. */
    private boolean logicalSucceeds(Expr.Logical g, Bindings b) {
        boolean any = g.op() == Expr.Logical.Op.OR;
        for (List<Literal> operand : g.operands()) {
            if (ev.succeeds(b, found -> body(operand, 0, b, found)) == any) return any;
        }
        return !any;
    }

    private void every(Expr.Every e, Bindings b, Next k) {
        ev.terms.eval(e.domain(), b, domain -> {
            ev.operated(e.domain().span());
            if (!(domain instanceof ArrayValue || domain instanceof ObjectValue || domain instanceof SetValue)) return;
            boolean[] all = {true};
            Documents.each(domain, (key, value) -> {
                if (!all[0]) return;
                boolean ok = ev.succeeds(
                        b,
                        found -> ev.unification.value(e.value(), value, b, () -> {
                            if (e.key() == null) body(e.body(), 0, b, found);
                            else ev.unification.value(e.key(), key, b, () -> body(e.body(), 0, b, found));
                        }));
                if (!ok) all[0] = false;
            });
            if (all[0]) k.run();
        });
    }

    /** A call given one argument more than its arity: the last is unified with its result ({@code f(x, y)}). */
    static boolean isOutputCall(Term t) {
        if (!(t instanceof Term.Call c)) return false;
        CallTarget target = c.target();
        int arity = target instanceof CallTarget.Builtin bt
                ? bt.arity()
                : target instanceof CallTarget.Function f ? f.arity() : -1;
        return arity >= 0 && c.args().size() == arity + 1 && !c.name().equals("print");
    }
}
