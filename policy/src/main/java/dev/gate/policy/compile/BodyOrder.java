package dev.gate.policy.compile;

import dev.gate.policy.ast.CallTarget;
import dev.gate.policy.ast.Expr;
import dev.gate.policy.ast.Literal;
import dev.gate.policy.ast.Term;
import dev.gate.policy.syntax.Span;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orders a body so that every expression runs once the variables it reads are bound, as OPA's compiler does:
 * {@code x > 1; x = input.n} runs the unification first. An expression that can never be scheduled makes its
 * variables unsafe; {@link #schedule} reports them.
 */
final class BodyOrder {
    private BodyOrder() {}

    private record Info(Literal literal, Set<String> needs, Set<String> outputs) {}

    static List<Literal> order(List<Literal> body, Set<String> boundBefore) {
        return schedule(body, boundBefore, true).ordered;
    }

    /**
     * How a body runs: the literals that can run, as written (their nested bodies not reordered), in the order they
     * run; and each variable no ordering can bind, with the first literal that cannot run for want of it.
     */
    static Schedule schedule(List<Literal> body, Set<String> boundBefore) {
        return schedule(body, boundBefore, false);
    }

    /** {@code assigned}: the variables assigned by {@code :=} in literals that cannot run. */
    record Schedule(List<Literal> ordered, List<Literal> runnable, Map<String, Span> unsafe, Set<String> assigned) {}

    private static Schedule schedule(List<Literal> body, Set<String> boundBefore, boolean orderNested) {
        List<Set<String>> shallow = new ArrayList<>();
        for (Literal l : body) shallow.add(shallowVars(l));
        List<Info> pending = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            Set<String> visible = new HashSet<>(boundBefore);
            for (int j = 0; j < body.size(); j++) if (j != i) visible.addAll(shallow.get(j));
            pending.add(analyse(body.get(i), visible));
        }
        Set<String> bound = new HashSet<>(boundBefore);
        List<Literal> out = new ArrayList<>();
        List<Literal> runnable = new ArrayList<>();
        Map<String, Span> unsafe = new LinkedHashMap<>();
        Set<String> assigned = new HashSet<>();
        while (!pending.isEmpty()) {
            Info next = null;
            for (Info info : pending) {
                if (bound.containsAll(info.needs) && Unifier.binds(info.literal, info.outputs, bound)) {
                    next = info;
                    break;
                }
            }
            if (next == null) {
                // As in OPA, every variable of an expression that cannot run is unsafe there, what it would bind too.
                for (Info info : pending) {
                    for (String v : info.needs) if (!bound.contains(v)) earliest(unsafe, v, where(info.literal, v));
                    for (String v : info.outputs) {
                        if (!bound.contains(v) && !v.startsWith(Term.WILDCARD_PREFIX))
                            earliest(unsafe, v, where(info.literal, v));
                    }
                    if (info.literal.expr() instanceof Expr.Assign a) Vars.all(a.left(), assigned);
                    out.add(orderNested ? nested(info.literal, bound) : info.literal);
                }
                break;
            }
            pending.remove(next);
            runnable.add(next.literal);
            out.add(orderNested ? nested(next.literal, bound) : next.literal);
            bound.addAll(next.needs);
            bound.addAll(next.outputs);
        }
        return new Schedule(out, runnable, unsafe, assigned);
    }

    /** Keeps the first position, by line and column, a variable is unsafe at. */
    static void earliest(Map<String, Span> unsafe, String v, Span at) {
        unsafe.merge(v, at, (a, b) -> b.line() < a.line() || b.line() == a.line() && b.column() < a.column() ? b : a);
    }

    /**
     * Where OPA reports a variable unsafe in a literal that cannot run: a call on one side of {@code =} or {@code :=},
     * or the collection of {@code some ... in}, is an expression of its own there; otherwise the literal.
     */
    private static Span where(Literal l, String v) {
        List<Term> parts = List.of();
        if (l.expr() instanceof Expr.Assign a) parts = List.of(a.left(), a.right());
        else if (l.expr() instanceof Expr.Unify u) parts = List.of(u.left(), u.right());
        else if (l.expr() instanceof Expr.SomeIn s && !(s.collection() instanceof Term.Var))
            parts = List.of(s.collection());
        for (Term t : parts) {
            boolean own = t instanceof Term.Call || l.expr() instanceof Expr.SomeIn;
            if (own && Vars.all(t, null).contains(v)) return t.span();
        }
        return l.span();
    }

    private static Info analyse(Literal l, Set<String> visible) {
        Set<String> needs = new LinkedHashSet<>(), outs = new LinkedHashSet<>();
        Expr expr = l.expr();
        if (expr instanceof Expr.TermExpr t) {
            collect(t.term(), false, needs, outs, visible);
        } else if (expr instanceof Expr.Unify u) {
            collect(u.left(), true, needs, outs, visible);
            collect(u.right(), true, needs, outs, visible);
        } else if (expr instanceof Expr.Assign a) {
            collect(a.left(), true, needs, outs, visible);
            collect(a.right(), false, needs, outs, visible);
        } else if (expr instanceof Expr.SomeIn s) {
            if (s.key() != null) collect(s.key(), true, needs, outs, visible);
            collect(s.value(), true, needs, outs, visible);
            collect(s.collection(), false, needs, outs, visible);
        } else if (expr instanceof Expr.Every e) {
            collect(e.domain(), false, needs, outs, visible);
            Set<String> inner = new LinkedHashSet<>();
            Vars.body(e.body(), inner);
            for (String v : inner) if (visible.contains(v)) needs.add(v);
        } else if (expr instanceof Expr.Logical g) {
            Set<String> inner = new LinkedHashSet<>();
            for (List<Literal> operand : g.operands()) Vars.body(operand, inner);
            for (String v : inner) if (visible.contains(v)) needs.add(v);
        }
        for (Literal.With w : l.withs()) collect(w.value(), false, needs, outs, visible);
        if (l.negated()) {
            // A negation binds nothing: every variable it mentions, wildcards too, must be bound elsewhere (as in OPA).
            needs.addAll(outs);
            outs.clear();
        }
        if (!l.negated()) needs.removeAll(outs);
        outs.removeAll(needs);
        return new Info(l, needs, outs);
    }

    private static void collect(Term t, boolean pattern, Set<String> needs, Set<String> outs, Set<String> visible) {
        if (t instanceof Term.Var v) {
            if (Vars.isRoot(v.name())) return;
            if (pattern || v.isWildcard()) outs.add(v.name());
            else needs.add(v.name());
        } else if (t instanceof Term.Ref r) {
            if (r.head() instanceof Term.Var v) {
                if (!Vars.isRoot(v.name())) needs.add(v.name());
            } else {
                collect(r.head(), false, needs, outs, visible);
            }
            for (Term e : r.path()) {
                if (e instanceof Term.Var v) outs.add(v.name());
                // As in OPA, p[{"msg": msg}] binds msg: a key is unified with what the reference holds.
                else collect(e, e instanceof Term.ArrayTerm || e instanceof Term.ObjectTerm, needs, outs, visible);
            }
        } else if (t instanceof Term.ArrayTerm a) {
            for (Term e : a.elements()) collect(e, pattern, needs, outs, visible);
        } else if (t instanceof Term.ObjectTerm o) {
            for (Term.Entry e : o.entries()) {
                collect(e.key(), false, needs, outs, visible);
                collect(e.value(), pattern, needs, outs, visible);
            }
        } else if (t instanceof Term.SetTerm s) {
            for (Term e : s.elements()) collect(e, false, needs, outs, visible);
        } else if (t instanceof Term.Call c) {
            int arity = arity(c);
            for (int i = 0; i < c.args().size(); i++)
                collect(c.args().get(i), arity >= 0 && i >= arity, needs, outs, visible);
        } else if (t instanceof Term.ArrayComprehension
                || t instanceof Term.SetComprehension
                || t instanceof Term.ObjectComprehension) {
            closure(t, needs, visible);
        } else if (t instanceof Term.Template tp) {
            for (Object p : tp.parts()) {
                if (p instanceof Literal l) needs.addAll(analyse(l, visible).needs);
            }
        }
    }

    /** A comprehension reads the enclosing body's variables it mentions; they must be bound first. */
    private static void closure(Term comprehension, Set<String> needs, Set<String> visible) {
        for (String v : Vars.all(comprehension, null)) if (visible.contains(v)) needs.add(v);
    }

    private static int arity(Term.Call c) {
        if (c.target() instanceof CallTarget.Builtin b) return c.name().equals("print") ? -1 : b.arity();
        if (c.target() instanceof CallTarget.Function f) return f.arity();
        return -1;
    }

    /**
     * Variables of a literal outside its comprehensions and nested bodies. A {@code some x} declaration is not a use:
     * as in OPA, a declared variable that only comprehensions mention is each comprehension's own.
     */
    static Set<String> shallowVars(Literal l) {
        Set<String> needs = new LinkedHashSet<>();
        Info info = analyse(l, Set.of());
        needs.addAll(info.needs);
        needs.addAll(info.outputs);
        return needs;
    }

    /** Orders the bodies nested in a literal (comprehensions, every) with what is bound when it runs. */
    private static Literal nested(Literal l, Set<String> bound) {
        Set<String> b = new HashSet<>(bound);
        Expr expr = l.expr();
        Expr e = expr;
        if (expr instanceof Expr.TermExpr t) e = new Expr.TermExpr(term(t.term(), b));
        else if (expr instanceof Expr.Unify u) e = new Expr.Unify(term(u.left(), b), term(u.right(), b));
        else if (expr instanceof Expr.Assign a) e = new Expr.Assign(a.left(), term(a.right(), b));
        else if (expr instanceof Expr.SomeIn s) e = new Expr.SomeIn(s.key(), s.value(), term(s.collection(), b));
        else if (expr instanceof Expr.Every ev) {
            Set<String> inner = new HashSet<>(b);
            if (ev.key() != null) Vars.all(ev.key(), inner);
            Vars.all(ev.value(), inner);
            e = new Expr.Every(ev.key(), ev.value(), term(ev.domain(), b), order(ev.body(), inner));
        } else if (expr instanceof Expr.Logical g) {
            List<List<Literal>> operands = new ArrayList<>();
            for (List<Literal> operand : g.operands()) operands.add(order(operand, b));
            e = new Expr.Logical(g.op(), operands);
        }
        return l.withExpr(e);
    }

    private static Term term(Term t, Set<String> bound) {
        if (t instanceof Term.Ref r) {
            List<Term> path = new ArrayList<>();
            for (Term e : r.path()) path.add(term(e, bound));
            return new Term.Ref(term(r.head(), bound), path, r.span());
        }
        if (t instanceof Term.ArrayTerm a) return new Term.ArrayTerm(terms(a.elements(), bound), a.span());
        if (t instanceof Term.SetTerm s) return new Term.SetTerm(terms(s.elements(), bound), s.span());
        if (t instanceof Term.ObjectTerm o) {
            List<Term.Entry> entries = new ArrayList<>();
            for (Term.Entry e : o.entries()) entries.add(new Term.Entry(term(e.key(), bound), term(e.value(), bound)));
            return new Term.ObjectTerm(entries, o.span());
        }
        if (t instanceof Term.Call c) return c.withArgs(terms(c.args(), bound));
        if (t instanceof Term.ArrayComprehension c)
            return new Term.ArrayComprehension(c.head(), order(c.body(), bound), c.span());
        if (t instanceof Term.SetComprehension c)
            return new Term.SetComprehension(c.head(), order(c.body(), bound), c.span());
        if (t instanceof Term.ObjectComprehension c)
            return new Term.ObjectComprehension(c.key(), c.value(), order(c.body(), bound), c.span());
        if (t instanceof Term.Template tp) {
            List<Object> parts = new ArrayList<>();
            for (Object p : tp.parts()) parts.add(p instanceof Literal l ? nested(l, bound) : p);
            return new Term.Template(parts, tp.span());
        }
        return t;
    }

    private static List<Term> terms(List<Term> ts, Set<String> bound) {
        List<Term> out = new ArrayList<>(ts.size());
        for (Term t : ts) out.add(term(t, bound));
        return out;
    }
}
