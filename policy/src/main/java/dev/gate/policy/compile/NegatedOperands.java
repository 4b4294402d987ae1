package dev.gate.policy.compile;

import dev.gate.policy.ast.Expr;
import dev.gate.policy.ast.Literal;
import dev.gate.policy.ast.Term;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * OPA evaluates some operands of a negated expression before the negation, as separate expressions of the body: the
 * references, comprehensions and nested calls given to a call ({@code not startswith(input.x, "a")} is
 * {@code t := input.x; not startswith(t, "a")}), and the nested calls on either side of {@code ==} or {@code =}. So
 * when such an operand is undefined the body fails, where a plain reading of {@code not} would succeed. OPA keeps this
 * behaviour for compatibility (its issue 1877); the same rewrite here gives policies the same verdicts in gate and OPA.
 * Plain references negated or compared ({@code not input.x}, {@code not input.x == 1}) are left inside the negation,
 * but not what their paths read ({@code not s[input.x]}), nor the references inside a collection: OPA's dynamic-term
 * rewrite takes those out of every expression.
 */
final class NegatedOperands {

    private final FreshNames fresh;

    NegatedOperands(FreshNames fresh) {
        this.fresh = fresh;
    }

    List<Literal> hoist(List<Literal> body) {
        List<Literal> out = new ArrayList<>(body.size());
        for (Literal l : body) {
            if (!l.negated()) {
                out.add(l);
                continue;
            }
            List<Literal> before = new ArrayList<>();
            Expr expr = rewrite(l, before);
            out.addAll(before);
            out.add(l.withExpr(expr));
        }
        return out;
    }

    private Expr rewrite(Literal l, List<Literal> before) {
        if (l.expr() instanceof Expr.Unify u) {
            return new Expr.Unify(inTerm(u.left(), l, before), inTerm(u.right(), l, before));
        }
        if (!(l.expr() instanceof Expr.TermExpr t)) {
            return l.expr();
        }
        if (t.term() instanceof Term.Call c) {
            boolean equality = c.name().equals("equal") && c.args().size() == 2;
            List<Term> args = new ArrayList<>();
            for (Term arg : c.args()) args.add(equality ? inTerm(arg, l, before) : operand(arg, l, before));
            return new Expr.TermExpr(c.withArgs(args));
        }
        return new Expr.TermExpr(inTerm(t.term(), l, before));
    }

    /**
     * A side of an equality, or a negated term: a reference stays, but the references and comprehensions in its path
     * are evaluated first ({@code not s[input.x]}), and so are those inside a collection ({@code not {input.x} == s}).
     */
    private Term inTerm(Term t, Literal l, List<Literal> before) {
        if (t instanceof Term.Ref r) {
            Term.Ref withCalls = (Term.Ref) nestedCalls(r, l, before);
            List<Term> path = new ArrayList<>();
            for (Term p : withCalls.path()) path.add(operand(p, l, before));
            return new Term.Ref(withCalls.head(), path, r.span());
        }
        if (t instanceof Term.Call || isComprehension(t)) return nestedCalls(t, l, before);
        return elements(t, e -> operand(e, l, before));
    }

    /** An argument of a call: references, comprehensions and calls are evaluated first; collections element by element. */
    private Term operand(Term t, Literal l, List<Literal> before) {
        if (t instanceof Term.Ref || t instanceof Term.Call || isComprehension(t) || isRoot(t)) {
            return assign(nestedCalls(t, l, before), l, before);
        }
        return elements(t, e -> operand(e, l, before));
    }

    /** Only the calls nested in a term (and a reference's call or collection subject) are evaluated first. */
    private Term nestedCalls(Term t, Literal l, List<Literal> before) {
        if (t instanceof Term.Call c) {
            List<Term> args = new ArrayList<>();
            for (Term arg : c.args()) args.add(nestedCalls(arg, l, before));
            return assign(c.withArgs(args), l, before);
        }
        if (t instanceof Term.Ref r) {
            Term head = r.head();
            if (head instanceof Term.Call
                    || head instanceof Term.ArrayTerm
                    || head instanceof Term.SetTerm
                    || head instanceof Term.ObjectTerm
                    || isComprehension(head)) {
                head = assign(nestedCalls(head, l, before), l, before);
            }
            List<Term> path = new ArrayList<>();
            for (Term p : r.path()) path.add(nestedCalls(p, l, before));
            return new Term.Ref(head, path, r.span());
        }
        return elements(t, e -> nestedCalls(e, l, before));
    }

    /** An array, set or object with {@code f} applied to its elements (keys and values); any other term as it is. */
    private static Term elements(Term t, UnaryOperator<Term> f) {
        if (t instanceof Term.ArrayTerm a) {
            return new Term.ArrayTerm(a.elements().stream().map(f).toList(), a.span());
        }
        if (t instanceof Term.SetTerm s) {
            return new Term.SetTerm(s.elements().stream().map(f).toList(), s.span());
        }
        if (t instanceof Term.ObjectTerm o) {
            return new Term.ObjectTerm(
                    o.entries().stream()
                            .map(e -> new Term.Entry(f.apply(e.key()), f.apply(e.value())))
                            .toList(),
                    o.span());
        }
        return t;
    }

    private Term assign(Term value, Literal l, List<Literal> before) {
        Term.Var local = new Term.Var(fresh.next("$not"), value.span());
        before.add(new Literal(new Expr.Unify(local, value), false, l.withs(), value.span()));
        return local;
    }

    private static boolean isComprehension(Term t) {
        return t instanceof Term.ArrayComprehension
                || t instanceof Term.SetComprehension
                || t instanceof Term.ObjectComprehension;
    }

    /** {@code input} and {@code data} written alone are references in OPA. */
    private static boolean isRoot(Term t) {
        return t instanceof Term.Var v && (v.name().equals("input") || v.name().equals("data"));
    }
}
