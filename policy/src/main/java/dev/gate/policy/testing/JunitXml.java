package dev.gate.policy.testing;

import dev.gate.policy.coverage.CoverageReport;
import java.util.List;
import java.util.Locale;

/**
 * Test results as JUnit XML, the report CI systems read: one {@code testsuite} whose {@code testcase}s are the tests
 * ({@code classname} the package, {@code name} the rule), failures, errors and skipped tests marked as JUnit marks them;
 * line coverage, when measured, as the suite's {@code coverage} property.
 */
public final class JunitXml {
    private JunitXml() {}

    /** {@code coverage} may be null. */
    public static String write(List<PolicyTests.Result> results, CoverageReport coverage) {
        long failures = count(results, PolicyTests.Status.FAIL);
        long errors = count(results, PolicyTests.Status.ERROR);
        long skipped = count(results, PolicyTests.Status.SKIPPED);
        double seconds = results.stream().mapToLong(r -> r.duration().toNanos()).sum() / 1e9;
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.append(String.format(
                Locale.ROOT,
                "<testsuites tests=\"%d\" failures=\"%d\" errors=\"%d\" skipped=\"%d\" time=\"%.3f\">%n",
                results.size(),
                failures,
                errors,
                skipped,
                seconds));
        out.append(String.format(
                Locale.ROOT,
                "  <testsuite name=\"gate policy test\" tests=\"%d\" failures=\"%d\" errors=\"%d\" skipped=\"%d\" time=\"%.3f\">%n",
                results.size(),
                failures,
                errors,
                skipped,
                seconds));
        if (coverage != null) {
            out.append("    <properties>\n");
            out.append(String.format(
                    Locale.ROOT, "      <property name=\"coverage\" value=\"%.2f\"/>%n", coverage.percent()));
            out.append("    </properties>\n");
        }
        for (PolicyTests.Result r : results) testcase(r, out);
        out.append("  </testsuite>\n</testsuites>\n");
        return out.toString();
    }

    private static void testcase(PolicyTests.Result r, StringBuilder out) {
        out.append(String.format(
                Locale.ROOT,
                "    <testcase classname=\"%s\" name=\"%s\" file=\"%s\" time=\"%.3f\"",
                attr("data." + r.pkg()),
                attr(r.name()),
                attr(r.location()),
                r.duration().toNanos() / 1e9));
        switch (r.status()) {
            case PASS -> out.append("/>\n");
            case SKIPPED -> out.append(">\n      <skipped/>\n    </testcase>\n");
            case FAIL ->
                out.append(">\n      <failure message=\"")
                        .append(attr(r.qualifiedName() + " is false or undefined"))
                        .append("\"/>\n    </testcase>\n");
            case ERROR ->
                out.append(">\n      <error message=\"").append(attr(r.error())).append("\"/>\n    </testcase>\n");
        }
    }

    private static long count(List<PolicyTests.Result> results, PolicyTests.Status status) {
        return results.stream().filter(r -> r.status() == status).count();
    }

    /** Text as an XML attribute value; characters XML cannot hold become U+FFFD. */
    private static String attr(String s) {
        if (s == null) return "";
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\n' -> out.append("&#10;");
                case '\t' -> out.append("&#9;");
                case '\r' -> out.append("&#13;");
                default ->
                    out.appendCodePoint(
                            c < 0x20 || c == 0xFFFE || c == 0xFFFF || (c >= 0xD800 && c <= 0xDFFF) ? 0xFFFD : c);
            }
        });
        return out.toString();
    }
}
