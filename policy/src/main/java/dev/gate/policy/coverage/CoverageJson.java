package dev.gate.policy.coverage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.SortedSet;

/**
 * The report in the JSON of {@code opa test --coverage --format json}: {@code files} maps each file to its
 * {@code covered} and {@code not_covered} row ranges ({@code {"start": {"row": 3}, "end": {"row": 5}}}), line counts
 * and percentage, empty members left out as OPA leaves them out; then the totals.
 */
public final class CoverageJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CoverageJson() {}

    public static String write(CoverageReport report) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode files = root.putObject("files");
        report.files().forEach((name, file) -> {
            ObjectNode f = files.putObject(name);
            if (!file.covered().isEmpty()) f.set("covered", ranges(file.covered()));
            if (!file.notCovered().isEmpty()) f.set("not_covered", ranges(file.notCovered()));
            if (!file.covered().isEmpty()) f.put("covered_lines", file.covered().size());
            if (!file.notCovered().isEmpty())
                f.put("not_covered_lines", file.notCovered().size());
            if (file.percent() != 0) number(f, "coverage", file.percent());
        });
        root.put("covered_lines", report.coveredLines());
        root.put("not_covered_lines", report.notCoveredLines());
        number(root, "coverage", report.percent());
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Consecutive rows as one range. */
    private static ArrayNode ranges(SortedSet<Integer> rows) {
        ArrayNode out = JSON.createArrayNode();
        Integer start = null, end = null;
        for (int row : rows) {
            if (end != null && row == end + 1) {
                end = row;
                continue;
            }
            if (start != null) range(out, start, end);
            start = row;
            end = row;
        }
        if (start != null) range(out, start, end);
        return out;
    }

    private static void range(ArrayNode out, int start, int end) {
        ObjectNode r = out.addObject();
        r.putObject("start").put("row", start);
        r.putObject("end").put("row", end);
    }

    /** Whole percentages are written as integers, as Go writes them. */
    private static void number(ObjectNode node, String name, double value) {
        if (value == Math.rint(value)) node.put(name, (long) value);
        else node.put(name, value);
    }
}
