package dev.gate.pipeline.report;

import dev.gate.image.SafeText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A JUnit XML report as CI systems read it: {@code testsuites} of {@code testsuite}s (in name order) of {@code testcase}s
 * (in the order added), a failing case carrying its first line as the message and the whole text as the body. Every
 * name and text is escaped: they come from registries, images and policies, and XML 1.0 cannot carry most control
 * characters at all. The one writer of the format: gated pushes, verifications, audits and policy tests all use it.
 */
public final class JunitXml {

    /** How a test case ended, as JUnit marks it. */
    public enum Outcome {
        PASSED,
        FAILED,
        ERROR,
        SKIPPED
    }

    private final String name;
    private final String timestamp;
    private final Map<String, Suite> suites = new TreeMap<>();
    private final Map<String, String> properties = new LinkedHashMap<>();

    /** {@code timestamp} may be null. */
    public JunitXml(String name, String timestamp) {
        this.name = name;
        this.timestamp = timestamp;
    }

    public JunitXml pass(String suite, String testCase) {
        return add(suite, testCase, Outcome.PASSED, List.of(), null, null);
    }

    /** {@code problems}: each one line of the failure's text, escaped whole (a line break inside one is shown, not made). */
    public JunitXml fail(String suite, String testCase, List<String> problems) {
        return add(suite, testCase, Outcome.FAILED, problems, null, null);
    }

    /**
     * A test case as a test runner reports it: {@code problems} the failure's or error's lines, {@code file} where the
     * test is written and {@code time} how long it ran (either may be null, and is then left out).
     */
    public JunitXml add(
            String suite, String testCase, Outcome outcome, List<String> problems, String file, Duration time) {
        StringBuilder c = new StringBuilder("    <testcase classname=\"")
                .append(attr(suite))
                .append("\" name=\"")
                .append(attr(testCase))
                .append('"');
        if (file != null) {
            c.append(" file=\"").append(attr(file)).append('"');
        }
        if (time != null) {
            c.append(" time=\"").append(seconds(time)).append('"');
        }
        List<String> text = problems.isEmpty() ? List.of(outcome == Outcome.ERROR ? "error" : "failed") : problems;
        switch (outcome) {
            case PASSED -> c.append("/>\n");
            case SKIPPED -> c.append("><skipped/></testcase>\n");
            case FAILED, ERROR -> {
                String element = outcome == Outcome.FAILED ? "failure" : "error";
                c.append("><")
                        .append(element)
                        .append(" message=\"")
                        .append(attr(text.get(0)))
                        .append("\">")
                        .append(text(text))
                        .append("</")
                        .append(element)
                        .append("></testcase>\n");
            }
        }
        suites.computeIfAbsent(suite, s -> new Suite()).add(c.toString(), outcome, time);
        return this;
    }

    /** A property of the whole run (a test run's coverage, say), written in each suite, where JUnit readers look. */
    public JunitXml property(String key, String value) {
        properties.put(key, value);
        return this;
    }

    public String xml() {
        Suite total = new Suite();
        suites.values().forEach(total::addAll);
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append("<testsuites name=\"").append(attr(name)).append('"');
        total.counts(x);
        if (timestamp != null) {
            x.append(" timestamp=\"").append(attr(timestamp)).append('"');
        }
        x.append(">\n");
        suites.forEach((suite, cases) -> {
            x.append("  <testsuite name=\"").append(attr(suite)).append('"');
            cases.counts(x);
            x.append(">\n");
            if (!properties.isEmpty()) {
                x.append("    <properties>\n");
                properties.forEach((key, value) -> x.append("      <property name=\"")
                        .append(attr(key))
                        .append("\" value=\"")
                        .append(attr(value))
                        .append("\"/>\n"));
                x.append("    </properties>\n");
            }
            cases.cases.forEach(x::append);
            x.append("  </testsuite>\n");
        });
        return x.append("</testsuites>\n").toString();
    }

    /** A suite's written cases and what JUnit counts of them. */
    private static final class Suite {
        final List<String> cases = new ArrayList<>();
        final int[] outcomes = new int[Outcome.values().length];
        Duration time;

        void add(String written, Outcome outcome, Duration taken) {
            cases.add(written);
            outcomes[outcome.ordinal()]++;
            if (taken != null) {
                time = time == null ? taken : time.plus(taken);
            }
        }

        void addAll(Suite other) {
            cases.addAll(other.cases);
            for (Outcome o : Outcome.values()) {
                outcomes[o.ordinal()] += other.outcomes[o.ordinal()];
            }
            if (other.time != null) {
                time = time == null ? other.time : time.plus(other.time);
            }
        }

        void counts(StringBuilder x) {
            x.append(" tests=\"")
                    .append(cases.size())
                    .append("\" failures=\"")
                    .append(outcomes[Outcome.FAILED.ordinal()])
                    .append("\" errors=\"")
                    .append(outcomes[Outcome.ERROR.ordinal()])
                    .append("\" skipped=\"")
                    .append(outcomes[Outcome.SKIPPED.ordinal()])
                    .append('"');
            if (time != null) {
                x.append(" time=\"").append(seconds(time)).append('"');
            }
        }
    }

    private static String seconds(Duration time) {
        return String.format(Locale.ROOT, "%.3f", time.toNanos() / 1e9);
    }

    private static String attr(String value) {
        return xml(SafeText.of(value)).replace("\"", "&quot;");
    }

    /** Each problem escaped as for a terminal (a CI log shows the text too), then for XML; one line each. */
    private static String text(List<String> problems) {
        return xml(String.join("\n", problems.stream().map(SafeText::of).toList()));
    }

    /**
     * Markup escaped, and what XML 1.0 cannot hold even as a reference ({@code U+FFFE}, {@code U+FFFF}, a surrogate
     * without its pair) replaced by {@code U+FFFD}: a report a CI system cannot parse is a report nobody reads.
     */
    private static String xml(String safe) {
        StringBuilder out = new StringBuilder(safe.length());
        safe.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default ->
                    out.appendCodePoint(c == 0xFFFE || c == 0xFFFF || Character.isSurrogate((char) c) ? 0xFFFD : c);
            }
        });
        return out.toString();
    }
}
