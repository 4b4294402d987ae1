package dev.gate.policy.compile;

import dev.gate.policy.ast.Expr;
import dev.gate.policy.ast.Literal;
import dev.gate.policy.ast.Term;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Variable collection over terms and literals, for declarations and for ordering bodies safely. */
final class Vars {
    private Vars() {}

    /** Every variable in a term, including inside comprehensions. */
    static Set<String> all(Term t, Set<String> out) {
        if (out == null) out = new LinkedHashSet<>();
        if (t instanceof Term.Var v) {
            if (!isRoot(v.name())) out.add(v.name());
        } else if (t instanceof Term.Ref r) {
            all(r.head(), out);
            for (Term e : r.path()) all(e, out);
        } else if (t instanceof Term.ArrayTerm a) {
            for (Term e : a.elements()) all(e, out);
        } else if (t instanceof Term.SetTerm s) {
            for (Term e : s.elements()) all(e, out);
        } else if (t instanceof Term.ObjectTerm o) {
            for (Term.Entry e : o.entries()) {
                all(e.key(), out);
                all(e.value(), out);
            }
        } else if (t instanceof Term.Call c) {
            for (Term a : c.args()) all(a, out);
        } else if (t instanceof Term.ArrayComprehension c) {
            all(c.head(), out);
            body(c.body(), out);
        } else if (t instanceof Term.SetComprehension c) {
            all(c.head(), out);
            body(c.body(), out);
        } else if (t instanceof Term.ObjectComprehension c) {
            all(c.key(), out);
            all(c.value(), out);
            body(c.body(), out);
        } else if (t instanceof Term.Template tp) {
            for (Object p : tp.parts()) if (p instanceof Literal l) literal(l, out);
        }
        return out;
    }

    /** Variables a term reads outside comprehensions (which bind their own). */
    static Set<String> outsideComprehensions(Term t, Set<String> out) {
        if (t instanceof Term.ArrayComprehension
                || t instanceof Term.SetComprehension
                || t instanceof Term.ObjectComprehension
                || t instanceof Term.Template) {
            return out;
        }
        if (t instanceof Term.Var v) {
            if (!isRoot(v.name())) out.add(v.name());
        } else if (t instanceof Term.Ref r) {
            outsideComprehensions(r.head(), out);
            for (Term e : r.path()) outsideComprehensions(e, out);
        } else if (t instanceof Term.ArrayTerm a) {
            for (Term e : a.elements()) outsideComprehensions(e, out);
        } else if (t instanceof Term.SetTerm s) {
            for (Term e : s.elements()) outsideComprehensions(e, out);
        } else if (t instanceof Term.ObjectTerm o) {
            for (Term.Entry e : o.entries()) {
                outsideComprehensions(e.key(), out);
                outsideComprehensions(e.value(), out);
            }
        } else if (t instanceof Term.Call c) {
            for (Term a : c.args()) outsideComprehensions(a, out);
        }
        return out;
    }

    static void body(Iterable<Literal> body, Set<String> out) {
        for (Literal l : body) literal(l, out);
    }

    static void literal(Literal l, Set<String> out) {
        Expr e = l.expr();
        if (e instanceof Expr.TermExpr t) all(t.term(), out);
        else if (e instanceof Expr.Unify u) {
            all(u.left(), out);
            all(u.right(), out);
        } else if (e instanceof Expr.Assign a) {
            all(a.left(), out);
            all(a.right(), out);
        } else if (e instanceof Expr.SomeVars s) {
            for (Term.Var v : s.vars()) out.add(v.name());
        } else if (e instanceof Expr.SomeIn s) {
            if (s.key() != null) all(s.key(), out);
            all(s.value(), out);
            all(s.collection(), out);
        } else if (e instanceof Expr.Every ev) {
            if (ev.key() != null) all(ev.key(), out);
            all(ev.value(), out);
            all(ev.domain(), out);
            body(ev.body(), out);
        } else if (e instanceof Expr.Logical g) {
            for (List<Literal> operand : g.operands()) body(operand, out);
        }
        for (Literal.With w : l.withs()) all(w.value(), out);
    }

    /** Variables in pattern positions of a term (what unification can bind): bare vars, array and object values. */
    static Set<String> patternVars(Term t, Set<String> out) {
        if (out == null) out = new LinkedHashSet<>();
        if (t instanceof Term.Var v) {
            if (!isRoot(v.name())) out.add(v.name());
        } else if (t instanceof Term.ArrayTerm a) {
            for (Term e : a.elements()) patternVars(e, out);
        } else if (t instanceof Term.ObjectTerm o) {
            for (Term.Entry e : o.entries()) patternVars(e.value(), out);
        }
        return out;
    }

    static boolean isRoot(String name) {
        return name.equals("input") || name.equals("data");
    }
}
