package dev.gate.pipeline.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The audit as JUnit XML: a test suite per repository, a test case per tag (failing with its problems), and a failing
 * test case for a repository that could not be listed, so a CI system's test view shows what failed where.
 */
final class AuditJunit {

    private final String registry;
    private final String time;

    AuditJunit(String registry, String time) {
        this.registry = registry;
        this.time = time;
    }

    String xml(List<TagAudit> tags, List<ListingFailure> listingFailures) {
        Map<String, List<String>> cases = new TreeMap<>();
        Map<String, Integer> failures = new TreeMap<>();
        for (TagAudit t : tags) {
            String problems = t.error() != null ? t.error() : String.join("\n", problems(t));
            add(cases, failures, t.repository(), t.tag(), t.ok() ? null : problems.isEmpty() ? "not signed" : problems);
        }
        for (ListingFailure f : listingFailures) {
            add(cases, failures, f.repository(), "(listing)", "could not list tags: " + f.error());
        }
        int total = cases.values().stream().mapToInt(List::size).sum();
        int failed = failures.values().stream().mapToInt(Integer::intValue).sum();
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append("<testsuites name=\"gate audit ").append(attr(registry)).append("\" tests=\"").append(total).append("\" failures=\"")
                .append(failed).append("\" timestamp=\"").append(attr(time)).append("\">\n");
        cases.forEach((repository, list) -> {
            x.append("  <testsuite name=\"").append(attr(registry + "/" + repository)).append("\" tests=\"").append(list.size())
                    .append("\" failures=\"").append(failures.getOrDefault(repository, 0)).append("\">\n");
            list.forEach(x::append);
            x.append("  </testsuite>\n");
        });
        return x.append("</testsuites>\n").toString();
    }

    private static List<String> problems(TagAudit t) {
        List<String> all = new ArrayList<>(t.failures());
        all.addAll(t.failingRules());
        return all;
    }

    private void add(Map<String, List<String>> cases, Map<String, Integer> failures, String repository, String name, String failure) {
        StringBuilder c = new StringBuilder("    <testcase classname=\"").append(attr(registry + "/" + repository))
                .append("\" name=\"").append(attr(name)).append('"');
        if (failure == null) {
            c.append("/>\n");
        } else {
            String firstLine = failure.lines().findFirst().orElse("");
            c.append("><failure message=\"").append(attr(firstLine)).append("\">").append(text(failure))
                    .append("</failure></testcase>\n");
            failures.merge(repository, 1, Integer::sum);
        }
        cases.computeIfAbsent(repository, r -> new ArrayList<>()).add(c.toString());
    }

    private static String attr(String value) {
        return text(value).replace("\"", "&quot;").replace("\n", "&#10;");
    }

    /** XML escaped, and characters XML 1.0 cannot carry at all (most control characters) shown as \\uXXXX. */
    private static String text(String value) {
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints().forEach(c -> {
            if (c == '&') {
                out.append("&amp;");
            } else if (c == '<') {
                out.append("&lt;");
            } else if (c == '>') {
                out.append("&gt;");
            } else if (c < 0x20 && c != '\n' && c != '\t' || c >= 0xD800 && c <= 0xDFFF || c == 0xFFFE || c == 0xFFFF) {
                out.append(String.format("\\\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
