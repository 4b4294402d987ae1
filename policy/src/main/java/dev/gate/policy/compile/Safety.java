package dev.gate.policy.compile;

import dev.gate.policy.ast.Literal;
import dev.gate.policy.ast.Rule;
import dev.gate.policy.ast.Term;
import dev.gate.policy.syntax.Span;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The safety check of one compiled rule: every variable must be bound by something that can run. */
final class Safety {
    private Safety() {}

    /** OPA refuses rules whose variables nothing can bind: in the body, or read by the head but never bound. */
    static void check(Rule r, dev.gate.policy.syntax.Source source, List<Literal> body, Set<String> argVars,
            List<Term> head, Term value) {
        Set<String> unsafe = new java.util.LinkedHashSet<>(BodyOrder.unsafe(body, argVars));
        if (unsafe.isEmpty()) {
            Set<String> bound = new HashSet<>(argVars);
            Vars.body(body, bound);
            Set<String> headVars = new java.util.LinkedHashSet<>();
            for (int i = 1; i < head.size(); i++) Vars.outsideComprehensions(head.get(i), headVars);
            if (value != null) Vars.outsideComprehensions(value, headVars);
            for (String v : headVars) if (!bound.contains(v) && !v.startsWith("$")) unsafe.add(v);
        }
        if (unsafe.isEmpty()) return;
        Problems problems = new Problems();
        Set<String> reported = new HashSet<>();
        for (String name : unsafe) {
            // Wildcards read as `_` (as OPA prints them); other generated names mean nothing to a reader.
            String written = name.startsWith(Term.WILDCARD_PREFIX) ? "_" : name.startsWith("$") ? null : name.split("\\$", 2)[0];
            Span at = firstUse(body, name, r.span());
            if (written != null && reported.add(written + "@" + at)) {
                problems.add(Problems.at("rego_unsafe_var_error", source, at, "var " + written + " is unsafe"));
            }
        }
        if (problems.isEmpty()) problems.add(Problems.at("rego_unsafe_var_error", source, r.span(), "expression is unsafe"));
        problems.throwIfAny();
    }

    /** Where an unsafe variable is reported: the first expression using it (as OPA does), else the rule. */
    private static Span firstUse(List<Literal> body, String name, Span rule) {
        for (Literal l : body) {
            Set<String> vars = new HashSet<>();
            Vars.literal(l, vars);
            if (vars.contains(name)) return l.span();
        }
        return rule;
    }
}
