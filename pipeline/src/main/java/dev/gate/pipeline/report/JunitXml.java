package dev.gate.pipeline.report;

import dev.gate.image.SafeText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A JUnit XML report as CI systems read it: {@code testsuites} of {@code testsuite}s (in name order) of {@code testcase}s
 * (in the order added), a failing case carrying its first line as the message and the whole text as the body. Every
 * name and text is escaped: they come from registries, images and policies, and XML 1.0 cannot carry most control
 * characters at all.
 */
public final class JunitXml {

    private final String name;
    private final String timestamp;
    private final Map<String, List<String>> suites = new TreeMap<>();
    private final Map<String, Integer> failures = new TreeMap<>();

    /** {@code timestamp} may be null. */
    public JunitXml(String name, String timestamp) {
        this.name = name;
        this.timestamp = timestamp;
    }

    public JunitXml pass(String suite, String testCase) {
        return add(suite, testCase, null);
    }

    /** {@code problems}: each one line of the failure's text, escaped whole (a line break inside one is shown, not made). */
    public JunitXml fail(String suite, String testCase, List<String> problems) {
        return add(suite, testCase, problems.isEmpty() ? List.of("failed") : problems);
    }

    private JunitXml add(String suite, String testCase, List<String> failure) {
        StringBuilder c = new StringBuilder("    <testcase classname=\"")
                .append(attr(suite))
                .append("\" name=\"")
                .append(attr(testCase))
                .append('"');
        if (failure == null) {
            c.append("/>\n");
        } else {
            c.append("><failure message=\"")
                    .append(attr(failure.get(0)))
                    .append("\">")
                    .append(text(failure))
                    .append("</failure></testcase>\n");
            failures.merge(suite, 1, Integer::sum);
        }
        suites.computeIfAbsent(suite, s -> new ArrayList<>()).add(c.toString());
        return this;
    }

    public String xml() {
        int total = suites.values().stream().mapToInt(List::size).sum();
        int failed = failures.values().stream().mapToInt(Integer::intValue).sum();
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append("<testsuites name=\"")
                .append(attr(name))
                .append("\" tests=\"")
                .append(total)
                .append("\" failures=\"")
                .append(failed)
                .append('"');
        if (timestamp != null) {
            x.append(" timestamp=\"").append(attr(timestamp)).append('"');
        }
        x.append(">\n");
        suites.forEach((suite, cases) -> {
            x.append("  <testsuite name=\"")
                    .append(attr(suite))
                    .append("\" tests=\"")
                    .append(cases.size())
                    .append("\" failures=\"")
                    .append(failures.getOrDefault(suite, 0))
                    .append("\">\n");
            cases.forEach(x::append);
            x.append("  </testsuite>\n");
        });
        return x.append("</testsuites>\n").toString();
    }

    private static String attr(String value) {
        return xml(SafeText.of(value)).replace("\"", "&quot;");
    }

    /** Each problem escaped as for a terminal (a CI log shows the text too), then for XML; one line each. */
    private static String text(List<String> problems) {
        return xml(String.join("\n", problems.stream().map(SafeText::of).toList()));
    }

    private static String xml(String safe) {
        return safe.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
