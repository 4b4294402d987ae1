package dev.gate.policy.compile;

import dev.gate.policy.ast.Expr;
import dev.gate.policy.ast.Literal;
import dev.gate.policy.ast.Module;
import dev.gate.policy.ast.Rule;
import dev.gate.policy.ast.Term;
import dev.gate.policy.syntax.Source;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@code opa check --strict} adds to the declaration stage: a function argument nothing reads, and a variable
 * assigned with {@code :=} that nothing reads afterwards, are errors.
 */
final class StrictChecks {
    private final Source source;
    private final Problems problems;

    /**
     * Whether an unused assignment was reported in the rule body being checked: OPA reports the first body's (nested
     * bodies come before the one holding them) and no more in that rule.
     */
    private boolean reported;

    private StrictChecks(Source source, Problems problems) {
        this.source = source;
        this.problems = problems;
    }

    static void check(Module m, Problems problems) {
        StrictChecks checks = new StrictChecks(m.source(), problems);
        checks.unusedImports(m);
        for (Rule r : m.rules()) {
            checks.unusedArguments(r);
            for (Rule part = r; part != null; part = part.elseRule()) {
                List<Term> head = headTerms(part);
                // The body with what the head reads outside comprehensions, then the head's comprehensions on their
                // own.
                List<Term> reads = new ArrayList<>();
                for (Term t : head)
                    for (String v : Vars.outsideComprehensions(t, new LinkedHashSet<>()))
                        reads.add(new Term.Var(v, t.span()));
                checks.reported = false;
                if (!LocalDeclarations.refuses(m, r.args(), part.body(), reads))
                    checks.unusedAssignments(part.body(), head);
                checks.reported = false;
                if (!LocalDeclarations.refuses(m, r.args(), List.of(), head)) head.forEach(checks::comprehensions);
            }
        }
    }

    private static List<Term> headTerms(Rule part) {
        List<Term> terms = new ArrayList<>(part.head().subList(1, part.head().size()));
        if (part.value() != null) terms.add(part.value());
        return terms;
    }

    /** An import of data or input whose name no rule of the module reads. */
    private void unusedImports(Module m) {
        Set<String> used = new HashSet<>();
        for (Rule r : m.rules()) {
            for (Rule part = r; part != null; part = part.elseRule()) {
                Vars.body(part.body(), used);
                for (Term t : headTerms(part)) Vars.all(t, used);
                if (part.args() != null) for (Term a : part.args()) Vars.all(a, used);
                callNames(part, used);
            }
        }
        for (Module.Import i : m.imports()) {
            String root = i.path().get(0);
            if (!root.equals("data") && !root.equals("input")) continue;
            if (used.contains(i.alias())) continue;
            String path = String.join(".", i.path());
            problems.add("rego_compile_error", source, importSpan(path), "import " + path + " unused");
        }
    }

    /** Calls name imports too ({@code lib.f(x)} with {@code import data.lib}): their first name counts as read. */
    private static void callNames(Rule part, Set<String> used) {
        List<Term> terms = new ArrayList<>(headTerms(part));
        for (Literal l : part.body()) terms.addAll(literalTerms(l));
        for (Term t : terms) callNames(t, used);
    }

    private static void callNames(Term t, Set<String> used) {
        if (t instanceof Term.Call c) {
            used.add(c.name().split("\\.", 2)[0]);
            c.args().forEach(a -> callNames(a, used));
        } else if (t instanceof Term.Var v) {
            used.add(v.name());
        } else if (t instanceof Term.Ref r) {
            callNames(r.head(), used);
            r.path().forEach(e -> callNames(e, used));
        } else if (t instanceof Term.ArrayTerm a) {
            a.elements().forEach(e -> callNames(e, used));
        } else if (t instanceof Term.SetTerm st) {
            st.elements().forEach(e -> callNames(e, used));
        } else if (t instanceof Term.ObjectTerm o) {
            o.entries().forEach(e -> {
                callNames(e.key(), used);
                callNames(e.value(), used);
            });
        } else if (t instanceof Term.ArrayComprehension c) {
            callNames(c.head(), used);
            c.body().forEach(l -> literalTerms(l).forEach(x -> callNames(x, used)));
        } else if (t instanceof Term.SetComprehension c) {
            callNames(c.head(), used);
            c.body().forEach(l -> literalTerms(l).forEach(x -> callNames(x, used)));
        } else if (t instanceof Term.ObjectComprehension c) {
            callNames(c.key(), used);
            callNames(c.value(), used);
            c.body().forEach(l -> literalTerms(l).forEach(x -> callNames(x, used)));
        }
    }

    private static List<Term> literalTerms(Literal l) {
        List<Term> terms = new ArrayList<>();
        Expr e = l.expr();
        if (e instanceof Expr.TermExpr t) terms.add(t.term());
        else if (e instanceof Expr.Unify u) {
            terms.add(u.left());
            terms.add(u.right());
        } else if (e instanceof Expr.Assign a) {
            terms.add(a.left());
            terms.add(a.right());
        } else if (e instanceof Expr.SomeIn s) {
            terms.add(s.value());
            terms.add(s.collection());
        } else if (e instanceof Expr.Every ev) {
            terms.add(ev.domain());
            ev.body().forEach(b -> terms.addAll(literalTerms(b)));
        } else if (e instanceof Expr.Logical g) {
            g.operands().forEach(operand -> operand.forEach(b -> terms.addAll(literalTerms(b))));
        }
        for (Literal.With w : l.withs()) {
            terms.add(w.target());
            terms.add(w.value());
        }
        return terms;
    }

    /** Imports carry no position of their own; the line that writes the import is found in the source. */
    private dev.gate.policy.syntax.Span importSpan(String path) {
        String[] lines = source.text().split("\n", -1);
        int offset = 0;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].strip().startsWith("import " + path))
                return new dev.gate.policy.syntax.Span(i + 1, 1, offset, offset);
            offset += lines[i].length() + 1;
        }
        return new dev.gate.policy.syntax.Span(1, 1, 0, 0);
    }

    private void unusedArguments(Rule r) {
        if (r.args() == null) return;
        Set<String> used = new HashSet<>();
        for (Rule part = r; part != null; part = part.elseRule()) {
            for (Literal l : part.body()) Vars.literal(l, used);
            for (Term t : headTerms(part)) reads(t, used);
        }
        Set<String> args = new LinkedHashSet<>();
        for (Term a : r.args()) Vars.all(a, args);
        for (String a : args) {
            if (!a.startsWith("$") && !used.contains(a)) {
                problems.add(
                        "rego_compile_error",
                        source,
                        r.span(),
                        "unused argument " + a + ". (hint: use _ (wildcard variable) instead)");
            }
        }
    }

    /**
     * The variables a head term reads from the rule: a comprehension's own declarations ({@code some x in},
     * {@code x :=}) shadow the rule's names inside it.
     */
    private static void reads(Term t, Set<String> out) {
        List<Literal> body = t instanceof Term.ArrayComprehension c
                ? c.body()
                : t instanceof Term.SetComprehension c
                        ? c.body()
                        : t instanceof Term.ObjectComprehension c ? c.body() : null;
        if (body == null) {
            if (t instanceof Term.Call c) c.args().forEach(a -> reads(a, out));
            else if (t instanceof Term.ArrayTerm a) a.elements().forEach(e -> reads(e, out));
            else if (t instanceof Term.SetTerm st) st.elements().forEach(e -> reads(e, out));
            else if (t instanceof Term.ObjectTerm o)
                o.entries().forEach(e -> {
                    reads(e.key(), out);
                    reads(e.value(), out);
                });
            else if (t instanceof Term.Ref r) {
                reads(r.head(), out);
                r.path().forEach(e -> reads(e, out));
            } else Vars.all(t, out);
            return;
        }
        Set<String> inner = Vars.all(t, null);
        for (Literal l : body) {
            if (l.expr() instanceof Expr.Assign a) inner.removeAll(Vars.patternVars(a.left(), null));
            else if (l.expr() instanceof Expr.SomeVars sv) sv.vars().forEach(v -> inner.remove(v.name()));
            else if (l.expr() instanceof Expr.SomeIn si) {
                if (si.key() != null) inner.removeAll(Vars.patternVars(si.key(), null));
                inner.removeAll(Vars.patternVars(si.value(), null));
            }
        }
        out.addAll(inner);
    }

    /**
     * In one body: a variable assigned at its level must be read by a later expression, nested ones or the head. What
     * is written before the assignment is another variable (a comprehension's own, or an error of its own).
     */
    private void unusedAssignments(List<Literal> body, List<Term> reading) {
        for (Literal l : body) nestedBodies(l);
        if (reported) return;
        for (int i = 0; i < body.size(); i++) {
            Literal l = body.get(i);
            if (!(l.expr() instanceof Expr.Assign a)) continue;
            Set<String> used = new HashSet<>();
            for (Literal later : body.subList(i + 1, body.size())) readsOf(later, used);
            for (Term t : reading) Vars.all(t, used);
            Vars.all(a.right(), used);
            // A v0 body may assign input or data; any later mention of the name reads that local.
            Set<String> names = new HashSet<>();
            for (Literal later : body.subList(i + 1, body.size()))
                literalTerms(later).forEach(t -> callNames(t, names));
            for (String root : List.of("input", "data")) if (names.contains(root)) used.add(root);
            Set<String> assigned = Vars.patternVars(a.left(), null);
            if (a.left() instanceof Term.Var root && Vars.isRoot(root.name())) assigned.add(root.name());
            for (String v : assigned) {
                if (!v.startsWith("$") && !used.contains(v)) {
                    problems.add("rego_compile_error", source, l.span(), "assigned var " + v + " unused");
                    reported = true;
                }
            }
        }
    }

    /** What a literal reads from its body; an every's own key and value shadow the body's names inside it. */
    private static void readsOf(Literal l, Set<String> out) {
        if (!(l.expr() instanceof Expr.Every ev)) {
            Vars.literal(l, out);
            return;
        }
        Vars.all(ev.domain(), out);
        Set<String> inner = new HashSet<>();
        Vars.body(ev.body(), inner);
        if (ev.key() != null) inner.removeAll(Vars.patternVars(ev.key(), null));
        inner.removeAll(Vars.patternVars(ev.value(), null));
        out.addAll(inner);
        for (Literal.With w : l.withs()) Vars.all(w.value(), out);
    }

    private void nestedBodies(Literal l) {
        List<Term> terms = new ArrayList<>();
        Expr e = l.expr();
        if (e instanceof Expr.TermExpr t) terms.add(t.term());
        else if (e instanceof Expr.Unify u) {
            terms.add(u.left());
            terms.add(u.right());
        } else if (e instanceof Expr.Assign a) terms.add(a.right());
        else if (e instanceof Expr.SomeIn s) terms.add(s.collection());
        else if (e instanceof Expr.Every ev) {
            terms.add(ev.domain());
            unusedAssignments(ev.body(), List.of());
        } else if (e instanceof Expr.Logical g) {
            g.operands().forEach(operand -> unusedAssignments(operand, List.of()));
        }
        for (Term t : terms) comprehensions(t);
    }

    private void comprehensions(Term t) {
        if (t instanceof Term.ArrayComprehension c) unusedAssignments(c.body(), List.of(c.head()));
        else if (t instanceof Term.SetComprehension c) unusedAssignments(c.body(), List.of(c.head()));
        else if (t instanceof Term.ObjectComprehension c) unusedAssignments(c.body(), List.of(c.key(), c.value()));
        else if (t instanceof Term.Ref r) {
            comprehensions(r.head());
            r.path().forEach(this::comprehensions);
        } else if (t instanceof Term.Call c) c.args().forEach(this::comprehensions);
        else if (t instanceof Term.ArrayTerm a) a.elements().forEach(this::comprehensions);
        else if (t instanceof Term.SetTerm s) s.elements().forEach(this::comprehensions);
        else if (t instanceof Term.ObjectTerm o)
            o.entries().forEach(en -> {
                comprehensions(en.key());
                comprehensions(en.value());
            });
    }
}
