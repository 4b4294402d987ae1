package dev.gate.policy.decision;

/** A decision rule as the policy declares it: where it is written ({@code file:line:col}) and what it says about itself. */
public record DeclaredRule(String location, RuleDoc doc) {
    public DeclaredRule {
        if (doc == null) doc = RuleDoc.NONE;
    }
}
