package dev.gate.pipeline.report;

import dev.gate.pipeline.GateRun;
import dev.gate.policy.decision.Decision;
import dev.gate.policy.decision.EvaluatedRule;
import dev.gate.policy.decision.RuleResult;
import java.util.List;

/** A policy decision as JUnit test cases: one per evaluated rule, failing with its messages and their locations. */
public final class DecisionJunit {

    private DecisionJunit() {}

    /**
     * {@code warningsBlock}: whether warnings failed the run ({@code --fail-on-warn}); otherwise a rule that only warned
     * passes, as it let the image through.
     */
    public static void addRules(JunitXml junit, String suite, Decision decision, boolean warningsBlock) {
        for (EvaluatedRule rule : decision.rules()) {
            String name = rule.namespace() + "." + rule.rule();
            boolean failure = rule.kind() == EvaluatedRule.Kind.FAILURE || warningsBlock;
            if (rule.passed() || !failure) {
                junit.pass(suite, name);
            } else {
                List<RuleResult> results =
                        rule.kind() == EvaluatedRule.Kind.FAILURE ? decision.failures() : decision.warnings();
                junit.fail(suite, name, messages(rule, results));
            }
        }
    }

    private static List<String> messages(EvaluatedRule rule, List<RuleResult> results) {
        return results.stream()
                .filter(r -> r.namespace().equals(rule.namespace()) && r.rule().equals(rule.rule()))
                .map(r -> r.message() + (r.location() == null ? "" : "  [" + r.location() + "]"))
                .toList();
    }

    /** The gated push as JUnit XML: a case per evaluated rule of its decision. */
    public static String of(GateRun run) {
        JunitXml junit = new JunitXml("gate push " + run.image().ref(), null);
        String suite = run.image().ref() + "@" + run.digest();
        if (run.decision() == null) {
            junit.pass(suite, "policies not evaluated (--sbom-only)");
        } else {
            addRules(
                    junit,
                    suite,
                    run.decision(),
                    !run.allowed() && run.decision().failures().isEmpty());
        }
        return junit.xml();
    }
}
