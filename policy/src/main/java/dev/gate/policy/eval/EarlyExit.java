package dev.gate.policy.eval;

import dev.gate.policy.ast.Rule;
import dev.gate.policy.ast.Term;
import dev.gate.policy.value.BooleanValue;
import dev.gate.policy.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * When OPA stops evaluating a complete rule or function early, so that what comes after is not covered: a body whose
 * value is a constant stops at its first solution, and definitions that all give one constant value stop at the
 * first that holds. Either way no other value could come, so results are the same; gate applies it when measuring
 * coverage only.
 */
final class EarlyExit {
    private EarlyExit() {}

    /** Whether further solutions of this rule's body could only repeat its first value. */
    static boolean withinBody(Rule r) {
        return isConstant(r.value());
    }

    /** Whether every definition (else branches included, defaults aside) gives the same constant scalar value. */
    static boolean acrossDefinitions(List<Rule> rules) {
        Value only = null;
        for (Rule rule : rules) {
            if (rule.isDefault()) continue;
            for (Rule r = rule; r != null; r = r.elseRule()) {
                Value v = r.value() == null ? BooleanValue.TRUE : r.value() instanceof Term.Scalar s ? s.value() : null;
                if (v == null || (only != null && !only.equals(v))) return false;
                only = v;
            }
        }
        return true;
    }

    private static boolean isConstant(Term t) {
        if (t == null || t instanceof Term.Scalar) return true;
        List<Term> parts = new ArrayList<>();
        if (t instanceof Term.ArrayTerm a) parts.addAll(a.elements());
        else if (t instanceof Term.SetTerm s) parts.addAll(s.elements());
        else if (t instanceof Term.ObjectTerm o)
            o.entries().forEach(e -> {
                parts.add(e.key());
                parts.add(e.value());
            });
        else return false;
        for (Term p : parts) if (!isConstant(p)) return false;
        return true;
    }
}
