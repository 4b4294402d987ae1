package dev.gate.policy.ast;

import java.util.List;

/** Visits the expressions of a body and every term in them, into comprehension, {@code every} and template bodies. */
public final class AstWalk {

    public interface Visitor {
        void literal(Literal l);

        default void term(Term t) {}
    }

    private AstWalk() {}

    public static void body(List<Literal> body, Visitor v) {
        for (Literal l : body) literal(l, v);
    }

    public static void literal(Literal l, Visitor v) {
        v.literal(l);
        expr(l.expr(), v);
        for (Literal.With w : l.withs()) {
            term(w.target(), v);
            term(w.value(), v);
        }
    }

    private static void expr(Expr e, Visitor v) {
        if (e instanceof Expr.TermExpr t) {
            term(t.term(), v);
        } else if (e instanceof Expr.Unify u) {
            terms(v, u.left(), u.right());
        } else if (e instanceof Expr.Assign a) {
            terms(v, a.left(), a.right());
        } else if (e instanceof Expr.SomeVars s) {
            s.vars().forEach(x -> term(x, v));
        } else if (e instanceof Expr.SomeIn s) {
            terms(v, s.key(), s.value(), s.collection());
        } else if (e instanceof Expr.Every every) {
            terms(v, every.key(), every.value(), every.domain());
            body(every.body(), v);
        } else if (e instanceof Expr.Logical g) {
            g.operands().forEach(operand -> body(operand, v));
        }
    }

    public static void term(Term t, Visitor v) {
        v.term(t);
        if (t instanceof Term.Ref r) {
            term(r.head(), v);
            r.path().forEach(p -> term(p, v));
        } else if (t instanceof Term.ArrayTerm a) {
            a.elements().forEach(x -> term(x, v));
        } else if (t instanceof Term.SetTerm s) {
            s.elements().forEach(x -> term(x, v));
        } else if (t instanceof Term.ObjectTerm o) {
            o.entries().forEach(en -> terms(v, en.key(), en.value()));
        } else if (t instanceof Term.Call c) {
            c.args().forEach(x -> term(x, v));
        } else if (t instanceof Term.ArrayComprehension c) {
            term(c.head(), v);
            body(c.body(), v);
        } else if (t instanceof Term.SetComprehension c) {
            term(c.head(), v);
            body(c.body(), v);
        } else if (t instanceof Term.ObjectComprehension c) {
            terms(v, c.key(), c.value());
            body(c.body(), v);
        } else if (t instanceof Term.Template tp) {
            for (Object part : tp.parts()) if (part instanceof Literal l) literal(l, v);
        }
    }

    /** The given terms in order; absent ones (null) are skipped. */
    public static void terms(Visitor v, Term... ts) {
        for (Term t : ts) if (t != null) term(t, v);
    }
}
