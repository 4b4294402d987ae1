package dev.gate.policy.compile;

import dev.gate.policy.ast.Expr;
import dev.gate.policy.ast.Literal;
import dev.gate.policy.ast.Module;
import dev.gate.policy.ast.Rule;
import dev.gate.policy.ast.Term;
import dev.gate.policy.syntax.RegoVersion;
import dev.gate.policy.syntax.Source;
import dev.gate.policy.syntax.Span;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * OPA's rules for local variables, checked in source order before anything is reordered: a variable is declared
 * once per body ({@code :=}, {@code some}, {@code some .. in}, a function argument), never after it was read in that
 * body, and (in Rego v1) never named {@code input} or {@code data}. Comprehensions and {@code every} bodies open a scope of their
 * own, so they may declare a name the enclosing body uses.
 */
final class LocalDeclarations {

    /** How a name first occurred in a scope; the message of a later declaration depends on it. */
    private enum Occurrence {
        SEEN("var %s referenced above"),
        ASSIGNED("var %s assigned above"),
        DECLARED("var %s declared above"),
        ARG("arg %s redeclared");

        final String redeclared;

        Occurrence(String redeclared) {
            this.redeclared = redeclared;
        }
    }

    private final Source source;
    private final Problems problems;
    private final Deque<Map<String, Occurrence>> scopes = new ArrayDeque<>();
    /** Rego v0 lets rules and variables (not arguments) be named input or data. */
    private final boolean v0;

    private LocalDeclarations(Source source, Problems problems, boolean v0) {
        this.source = source;
        this.problems = problems;
        this.v0 = v0;
    }

    static void check(Module m, Problems problems) {
        for (Rule r : m.rules()) {
            LocalDeclarations check = new LocalDeclarations(m.source(), problems, m.regoVersion() == RegoVersion.V0);
            check.ruleName(r);
            for (Rule part = r; part != null; part = part.elseRule())
                check.rule(r.args(), part.body(), headTerms(part));
        }
    }

    /**
     * Whether OPA's rewriting of local variables refuses a rule body (with what its head reads), or with an empty
     * body the comprehensions of a head: it then reports no unused assignments there. Shadowing input or data is
     * another stage's error, which does not stop that report.
     */
    static boolean refuses(Module m, List<Term> args, List<Literal> body, List<Term> head) {
        Problems problems = new Problems();
        new LocalDeclarations(m.source(), problems, m.regoVersion() == RegoVersion.V0).rule(args, body, head);
        return problems.any(e -> !e.getMessage().contains(" must not shadow "));
    }

    static void checkQuery(List<Literal> query, Problems problems) {
        new LocalDeclarations(null, problems, false).rule(null, query, List.of());
    }

    private static List<Term> headTerms(Rule part) {
        List<Term> terms =
                new java.util.ArrayList<>(part.head().subList(1, part.head().size()));
        if (part.value() != null) terms.add(part.value());
        return terms;
    }

    private void ruleName(Rule r) {
        if (!v0 && Vars.isRoot(r.name())) {
            problems.add(
                    "rego_compile_error",
                    source,
                    r.span(),
                    "rules must not shadow " + r.name() + " (use a different rule name)");
        }
    }

    private void rule(List<Term> args, List<Literal> body, List<Term> head) {
        int before = problems.size();
        scopes.clear();
        Map<String, Occurrence> top = push();
        if (args != null) {
            for (Term a : args) {
                if (a instanceof Term.Var v && Vars.isRoot(v.name())) {
                    problems.add(
                            "rego_compile_error",
                            source,
                            v.span(),
                            "args must not shadow " + v.name() + " (use a different variable name)");
                }
                for (String v : Vars.all(a, null)) top.put(v, Occurrence.ARG);
            }
        }
        body(body);
        // The head is read after the body, as OPA rewrites it; its comprehensions are bodies of their own.
        for (Term t : head) read(t);
        scopes.pop();
        if (problems.size() == before) unusedSomeVars(body, head);
    }

    /**
     * {@code some x} declares a variable for the rest of its body; one that nothing reads is refused (OPA: declared
     * var unused), unless the body already has declaration errors.
     */
    private void unusedSomeVars(List<Literal> body, List<Term> alsoReading) {
        java.util.Set<String> used = new java.util.HashSet<>();
        for (Literal l : body) if (!(l.expr() instanceof Expr.SomeVars)) Vars.literal(l, used);
        for (Term t : alsoReading) Vars.all(t, used);
        for (Literal l : body) {
            if (!(l.expr() instanceof Expr.SomeVars s)) continue;
            for (Term.Var v : s.vars()) {
                if (!v.isGenerated() && !used.contains(v.name())) {
                    problems.add("rego_compile_error", source, l.span(), "declared var " + v.name() + " unused");
                }
            }
        }
    }

    private Map<String, Occurrence> push() {
        Map<String, Occurrence> scope = new HashMap<>();
        scopes.push(scope);
        return scope;
    }

    private void body(List<Literal> body) {
        for (Literal l : body) literal(l);
    }

    private void literal(Literal l) {
        Expr e = l.expr();
        if (e instanceof Expr.Assign a) {
            read(a.right());
            withs(l);
            if (!v0 && a.left() instanceof Term.Var v && Vars.isRoot(v.name())) {
                problems.add(
                        "rego_compile_error",
                        source,
                        l.span(),
                        "variables must not shadow " + v.name() + " (use a different variable name)");
                return;
            }
            declarePattern(a.left(), Occurrence.ASSIGNED);
            return;
        }
        if (e instanceof Expr.SomeVars s) {
            for (Term.Var v : s.vars()) declare(v, Occurrence.DECLARED);
        } else if (e instanceof Expr.SomeIn s) {
            read(s.collection());
            if (s.key() != null) declarePattern(s.key(), Occurrence.DECLARED);
            declarePattern(s.value(), Occurrence.DECLARED);
        } else if (e instanceof Expr.Every ev) {
            read(ev.domain());
            push();
            if (ev.key() != null) declarePattern(ev.key(), Occurrence.DECLARED);
            declarePattern(ev.value(), Occurrence.DECLARED);
            body(ev.body());
            scopes.pop();
            unusedEveryVars(ev, l);
        } else if (e instanceof Expr.Logical g) {
            for (List<Literal> operand : g.operands()) {
                push();
                body(operand);
                scopes.pop();
            }
        } else if (e instanceof Expr.Unify u) {
            read(u.left());
            read(u.right());
        } else if (e instanceof Expr.TermExpr t) {
            read(t.term());
        }
        withs(l);
    }

    /**
     * An every that declares a key or value its body never reads is refused (OPA: declared var unused), located as OPA
     * locates it: at the body's first expression.
     */
    private void unusedEveryVars(Expr.Every ev, Literal l) {
        Span at = ev.body().isEmpty() ? l.span() : ev.body().get(0).span();
        java.util.Set<String> used = new java.util.HashSet<>();
        Vars.body(ev.body(), used);
        java.util.Set<String> declared = new java.util.LinkedHashSet<>();
        if (ev.key() != null) Vars.patternVars(ev.key(), declared);
        Vars.patternVars(ev.value(), declared);
        for (String v : declared) {
            if (!v.startsWith("$") && !used.contains(v)) {
                problems.add("rego_compile_error", source, at, "declared var " + v + " unused");
            }
        }
    }

    private void withs(Literal l) {
        for (Literal.With w : l.withs()) read(w.value());
    }

    /** Declares the variables a pattern binds; what it reads (object keys, references) counts as read. */
    private void declarePattern(Term t, Occurrence how) {
        if (t instanceof Term.Var v) {
            declare(v, how);
        } else if (t instanceof Term.ArrayTerm a) {
            for (Term e : a.elements()) declarePattern(e, how);
        } else if (t instanceof Term.ObjectTerm o) {
            for (Term.Entry e : o.entries()) {
                read(e.key());
                declarePattern(e.value(), how);
            }
        } else {
            read(t);
        }
    }

    private void declare(Term.Var v, Occurrence how) {
        if (v.isGenerated() || Vars.isRoot(v.name())) return;
        Map<String, Occurrence> top = scopes.peek();
        Occurrence before = top.get(v.name());
        if (before != null) {
            problems.add("rego_compile_error", source, v.span(), before.redeclared.formatted(v.name()));
            return;
        }
        top.put(v.name(), how);
    }

    /** A read marks a name seen in the current scope unless an enclosing scope already knows it. */
    private void read(Term t) {
        if (t instanceof Term.Var v) {
            if (v.isGenerated() || Vars.isRoot(v.name())) return;
            for (Map<String, Occurrence> scope : scopes) if (scope.containsKey(v.name())) return;
            scopes.peek().put(v.name(), Occurrence.SEEN);
        } else if (t instanceof Term.Ref r) {
            read(r.head());
            for (Term e : r.path()) read(e);
        } else if (t instanceof Term.ArrayTerm a) {
            for (Term e : a.elements()) read(e);
        } else if (t instanceof Term.SetTerm s) {
            for (Term e : s.elements()) read(e);
        } else if (t instanceof Term.ObjectTerm o) {
            for (Term.Entry e : o.entries()) {
                read(e.key());
                read(e.value());
            }
        } else if (t instanceof Term.Call c) {
            for (Term a : c.args()) read(a);
        } else if (t instanceof Term.ArrayComprehension c) {
            comprehension(c.body(), c.head(), null);
        } else if (t instanceof Term.SetComprehension c) {
            comprehension(c.body(), c.head(), null);
        } else if (t instanceof Term.ObjectComprehension c) {
            comprehension(c.body(), c.key(), c.value());
        } else if (t instanceof Term.Template tp) {
            for (Object p : tp.parts()) if (p instanceof Literal l) literal(l);
        }
    }

    /** OPA reads a comprehension's body before its head, in a scope of its own. */
    private void comprehension(List<Literal> body, Term head, Term value) {
        int before = problems.size();
        push();
        body(body);
        read(head);
        if (value != null) read(value);
        scopes.pop();
        if (problems.size() == before) unusedSomeVars(body, value == null ? List.of(head) : List.of(head, value));
    }
}
