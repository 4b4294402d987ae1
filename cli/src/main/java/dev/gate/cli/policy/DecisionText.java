package dev.gate.cli.policy;

import dev.gate.image.SafeText;
import dev.gate.policy.decision.Decision;
import dev.gate.policy.decision.RuleResult;
import java.io.PrintWriter;
import java.util.List;

/** A decision as conftest prints one: a line per result, then the counts. */
final class DecisionText {
    private DecisionText() {}

    static void print(Decision d, PrintWriter out) {
        lines("FAIL", d.failures(), out);
        lines("WARN", d.warnings(), out);
        lines("EXCEPTION", d.exempted(), out);
        out.printf(
                "%d rules, %d failures, %d warnings, %d exempted%n",
                d.rules().size(),
                d.failures().size(),
                d.warnings().size(),
                d.exempted().size());
    }

    /** Messages often echo the input document (package names, labels): every part is escaped. */
    private static void lines(String label, List<RuleResult> results, PrintWriter out) {
        for (RuleResult r : results) {
            String headline = r.doc().headline();
            out.println(label + " - " + SafeText.of(r.location()) + " - " + SafeText.of(r.namespace() + "." + r.rule())
                    + " - " + SafeText.of(r.message()) + (headline == null ? "" : "  (" + SafeText.of(headline) + ")"));
        }
    }
}
