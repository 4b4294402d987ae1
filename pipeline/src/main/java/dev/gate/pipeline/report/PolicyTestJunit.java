package dev.gate.pipeline.report;

import dev.gate.policy.coverage.CoverageReport;
import dev.gate.policy.testing.PolicyTests;
import java.util.List;
import java.util.Locale;

/**
 * {@code gate policy test}'s results as JUnit XML: a suite per package ({@code data.PKG}), a case per test rule with
 * the file it is written in and how long it ran; the line coverage, when measured, as the {@code coverage} property.
 */
public final class PolicyTestJunit {

    private PolicyTestJunit() {}

    /** {@code coverage} may be null. */
    public static String of(List<PolicyTests.Result> results, CoverageReport coverage) {
        JunitXml junit = new JunitXml("gate policy test", null);
        if (coverage != null) {
            junit.property("coverage", String.format(Locale.ROOT, "%.2f", coverage.percent()));
        }
        for (PolicyTests.Result r : results) {
            JunitXml.Outcome outcome = switch (r.status()) {
                case PASS -> JunitXml.Outcome.PASSED;
                case FAIL -> JunitXml.Outcome.FAILED;
                case ERROR -> JunitXml.Outcome.ERROR;
                case SKIPPED -> JunitXml.Outcome.SKIPPED;
            };
            List<String> problems = switch (r.status()) {
                case FAIL -> List.of(r.qualifiedName() + " is false or undefined");
                case ERROR -> r.error() == null ? List.of() : List.of(r.error());
                case PASS, SKIPPED -> List.of();
            };
            junit.add("data." + r.pkg(), r.name(), outcome, problems, r.location(), r.duration());
        }
        return junit.xml();
    }
}
