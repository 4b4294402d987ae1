package dev.gate.policy.decision;

/**
 * A decision rule that was evaluated, whether or not it produced messages, so that reports and the decision record can
 * list every rule with its outcome and what its METADATA says about it.
 */
public record EvaluatedRule(
        String namespace, String rule, Kind kind, String location, int messages, boolean exempted, RuleDoc doc) {

    /** What a rule's messages mean: {@code deny*}/{@code violation*} fail, {@code warn*} warn. */
    public enum Kind {
        FAILURE,
        WARNING
    }

    public boolean passed() {
        return messages == 0 || exempted;
    }
}
