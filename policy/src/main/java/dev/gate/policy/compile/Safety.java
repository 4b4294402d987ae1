package dev.gate.policy.compile;

import dev.gate.policy.ast.Expr;
import dev.gate.policy.ast.Literal;
import dev.gate.policy.ast.Rule;
import dev.gate.policy.ast.Term;
import dev.gate.policy.syntax.Source;
import dev.gate.policy.syntax.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The safety check of one compiled rule: every variable must be bound by something that can run. Bodies nested in
 * the rule (comprehensions, {@code every}, logical operands) are checked as OPA checks them: with what the enclosing
 * body binds before them counted as bound, and a comprehension's head must be bound by its body.
 */
final class Safety {
    private Safety() {}

    private static List<String> named(Set<String> names) {
        return names.stream().filter(n -> !n.startsWith("$")).toList();
    }

    /** Unsafe variables found so far, each at its first position, and those assigned by literals that cannot run. */
    private final Map<String, Span> unsafe = new LinkedHashMap<>();

    private final Set<String> assigned = new HashSet<>();
    private int hoisted;

    /**
     * OPA refuses rules whose variables nothing can bind. Head variables the body never mentions go to {@code heads}
     * (OPA's earlier stage, reported alone when there are any); the rest go to {@code bodies}.
     */
    static void check(
            Rule r,
            Source source,
            List<Literal> body,
            Set<String> argVars,
            List<Term> head,
            Term value,
            Problems heads,
            Problems bodies) {
        Set<String> bound = new HashSet<>(argVars);
        Vars.body(body, bound);
        Safety unsafeHead = new Safety();
        List<Term> headTerms = new ArrayList<>(head.subList(1, head.size()));
        if (value != null) headTerms.add(value);
        for (Term t : headTerms) {
            for (String v : Vars.outsideComprehensions(t, new LinkedHashSet<>())) {
                if (!bound.contains(v) && !v.startsWith("$")) unsafeHead.unsafe.putIfAbsent(v, r.span());
            }
        }
        unsafeHead.report(source, r.span(), heads);
        // Comprehensions in the head run after the body, as expressions of their own (OPA moves them there).
        Safety found = new Safety();
        List<Literal> all = new ArrayList<>(body);
        for (Term t : headTerms) found.hoist(t, all);
        found.body(all, argVars);
        found.report(source, r.span(), bodies);
    }

    /**
     * Replaces the comprehensions of a head by made-up variables, each bound by a literal added to {@code body} at the
     * comprehension's position; returns the head.
     */
    private Term hoist(Term t, List<Literal> body) {
        if (t instanceof Term.ArrayComprehension
                || t instanceof Term.SetComprehension
                || t instanceof Term.ObjectComprehension) {
            Term.Var v = new Term.Var("$head" + ++hoisted, t.span());
            body.add(new Literal(new Expr.Unify(v, t), false, List.of(), t.span()));
            return v;
        }
        if (t instanceof Term.ArrayTerm a) return new Term.ArrayTerm(hoist(a.elements(), body), a.span());
        if (t instanceof Term.SetTerm x) return new Term.SetTerm(hoist(x.elements(), body), x.span());
        if (t instanceof Term.ObjectTerm o) {
            List<Term.Entry> entries = new ArrayList<>();
            for (Term.Entry e : o.entries()) entries.add(new Term.Entry(hoist(e.key(), body), hoist(e.value(), body)));
            return new Term.ObjectTerm(entries, o.span());
        }
        if (t instanceof Term.Call c) return c.withArgs(hoist(c.args(), body));
        if (t instanceof Term.Ref r) return new Term.Ref(hoist(r.head(), body), hoist(r.path(), body), r.span());
        return t;
    }

    private List<Term> hoist(List<Term> terms, List<Literal> body) {
        List<Term> out = new ArrayList<>();
        for (Term t : terms) out.add(hoist(t, body));
        return out;
    }

    /** A body's unsafe variables given those bound around it, then those of the bodies nested in what can run. */
    private void body(List<Literal> body, Set<String> globals) {
        BodyOrder.Schedule schedule = BodyOrder.schedule(body, globals);
        schedule.unsafe().forEach(this::earliest);
        assigned.addAll(schedule.assigned());
        Set<String> bound = new HashSet<>(globals);
        for (Literal l : schedule.runnable()) {
            closures(l, bound);
            bound.addAll(BodyOrder.shallowVars(l));
        }
    }

    /** The nested bodies of one literal; {@code every} adds its key and value to what its body sees bound. */
    private void closures(Literal l, Set<String> bound) {
        Expr e = l.expr();
        Span at = l.span();
        if (e instanceof Expr.TermExpr t) closures(t.term(), bound, at);
        else if (e instanceof Expr.Unify u) {
            closures(u.left(), bound, at);
            closures(u.right(), bound, at);
        } else if (e instanceof Expr.Assign a) {
            closures(a.left(), bound, at);
            closures(a.right(), bound, at);
        } else if (e instanceof Expr.SomeIn s) {
            if (s.key() != null) closures(s.key(), bound, at);
            closures(s.value(), bound, at);
            closures(s.collection(), bound, at);
        } else if (e instanceof Expr.Every ev) {
            Set<String> inner = new HashSet<>(bound);
            if (ev.key() != null) Vars.all(ev.key(), inner);
            Vars.all(ev.value(), inner);
            body(ev.body(), inner);
        } else if (e instanceof Expr.Logical g) {
            for (List<Literal> operand : g.operands()) body(operand, bound);
        }
        for (Literal.With w : l.withs()) closures(w.value(), bound, at);
    }

    /**
     * The comprehensions in a term: each body is checked with {@code bound}, and each head must be bound by its body
     * or from outside; a head variable that is not is reported at {@code at}, the expression holding the comprehension.
     */
    private void closures(Term t, Set<String> bound, Span at) {
        if (t instanceof Term.ArrayComprehension c) comprehension(List.of(c.head()), c.body(), bound, at);
        else if (t instanceof Term.SetComprehension c) comprehension(List.of(c.head()), c.body(), bound, at);
        else if (t instanceof Term.ObjectComprehension c)
            comprehension(List.of(c.key(), c.value()), c.body(), bound, at);
        else if (t instanceof Term.Ref r) {
            closures(r.head(), bound, at);
            for (Term p : r.path()) closures(p, bound, at);
        } else if (t instanceof Term.ArrayTerm a) {
            for (Term x : a.elements()) closures(x, bound, at);
        } else if (t instanceof Term.SetTerm s) {
            for (Term x : s.elements()) closures(x, bound, at);
        } else if (t instanceof Term.ObjectTerm o) {
            for (Term.Entry x : o.entries()) {
                closures(x.key(), bound, at);
                closures(x.value(), bound, at);
            }
        } else if (t instanceof Term.Call c) {
            for (Term x : c.args()) closures(x, bound, at);
        } else if (t instanceof Term.Template tp) {
            for (Object p : tp.parts()) if (p instanceof Literal l) closures(l, bound);
        }
    }

    /** A comprehension whose head's own comprehensions run at the end of its body, as in OPA. */
    private void comprehension(List<Term> head, List<Literal> body, Set<String> bound, Span at) {
        List<Literal> all = new ArrayList<>(body);
        List<Term> heads = new ArrayList<>();
        for (Term h : head) heads.add(hoist(h, all));
        Set<String> known = new HashSet<>(bound);
        for (Literal l : all) known.addAll(BodyOrder.shallowVars(l));
        for (Term h : heads) for (String v : Vars.all(h, null)) if (!known.contains(v)) earliest(v, at);
        body(all, bound);
    }

    private static final Comparator<Span> BY_POSITION =
            Comparator.comparingInt(Span::line).thenComparingInt(Span::column);

    private void earliest(String v, Span at) {
        BodyOrder.earliest(unsafe, v, at);
    }

    /** One error per variable, as written, at the first expression it is unsafe in (OPA's order: by position). */
    private void report(Source source, Span rule, Problems problems) {
        if (unsafe.isEmpty()) return;
        // As OPA does, the left side of an assignment that cannot run is not reported when something else is unsafe.
        if (!assigned.containsAll(named(unsafe.keySet()))) unsafe.keySet().removeAll(assigned);
        List<Map.Entry<String, Span>> byPosition = new ArrayList<>(unsafe.entrySet());
        byPosition.sort(Map.Entry.comparingByValue(BY_POSITION));
        Set<String> reported = new HashSet<>();
        for (Map.Entry<String, Span> u : byPosition) {
            String name = u.getKey();
            // Wildcards read as `_` (as OPA prints them); other generated names mean nothing to a reader.
            String written =
                    name.startsWith(Term.WILDCARD_PREFIX) ? "_" : name.startsWith("$") ? null : name.split("\\$", 2)[0];
            if (written != null && reported.add(written + "@" + u.getValue())) {
                problems.add(
                        Problems.at("rego_unsafe_var_error", source, u.getValue(), "var " + written + " is unsafe"));
            }
        }
        if (reported.isEmpty())
            problems.add(Problems.at("rego_unsafe_var_error", source, rule, "expression is unsafe"));
    }
}
