package dev.gate.policy.coverage;

import java.util.Locale;
import java.util.Map;

/** The report for a terminal: one line per file with its percentage and line counts, then the total. */
public final class CoverageText {
    private CoverageText() {}

    public static String write(CoverageReport report) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, CoverageReport.FileCoverage> e : report.files().entrySet()) {
            CoverageReport.FileCoverage f = e.getValue();
            out.append(String.format(
                    Locale.ROOT,
                    "%s: %s (%d covered, %d not covered)%n",
                    e.getKey(),
                    percent(f.percent()),
                    f.covered().size(),
                    f.notCovered().size()));
        }
        out.append(String.format(
                Locale.ROOT,
                "COVERAGE: %s (%d covered, %d not covered)%n",
                percent(report.percent()),
                report.coveredLines(),
                report.notCoveredLines()));
        return out.toString();
    }

    /** A percentage with two decimals, as the threshold message gives it. */
    public static String percent(double value) {
        return String.format(Locale.ROOT, "%.2f%%", value);
    }
}
