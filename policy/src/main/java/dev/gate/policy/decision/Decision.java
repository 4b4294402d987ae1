package dev.gate.policy.decision;

import java.util.List;

/**
 * The outcome of the decision contract (as conftest): failures from {@code deny*}/{@code violation*}, warnings from
 * {@code warn*}, results of rules exempted by an {@code exception} rule, and every evaluated rule.
 */
public record Decision(
        List<RuleResult> failures, List<RuleResult> warnings, List<RuleResult> exempted, List<EvaluatedRule> rules) {
    public Decision {
        failures = List.copyOf(failures);
        warnings = List.copyOf(warnings);
        exempted = List.copyOf(exempted);
        rules = List.copyOf(rules);
    }

    /** Allowed when nothing fails; warnings only block when the caller asks so. */
    public boolean allowed(boolean failOnWarn) {
        return failures.isEmpty() && (!failOnWarn || warnings.isEmpty());
    }
}
