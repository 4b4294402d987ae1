package dev.gate.policy.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;

/** A report of {@code opa test --coverage --format json} (checked in, or from the installed opa) to hold gate's against. */
final class OpaReport {
    private final JsonNode files;

    private OpaReport(JsonNode files) {
        this.files = files;
    }

    /** A report as {@code opa test --coverage --format json} printed it. */
    static OpaReport parse(String json) throws IOException {
        return new OpaReport(new ObjectMapper().readTree(json).get("files"));
    }

    static OpaReport resource(String name) throws IOException {
        try (InputStream in = OpaReport.class.getResourceAsStream(name)) {
            return new OpaReport(new ObjectMapper().readTree(in).get("files"));
        }
    }

    /** Every file OPA reports has the same covered and not covered rows in gate's report, files found under {@code root}. */
    void assertSameRows(CoverageReport gate, Path root) {
        files.fieldNames().forEachRemaining(name -> assertSameRows(gate, root, name));
    }

    void assertSameRows(CoverageReport gate, Path root, String name) {
        JsonNode expected = files.get(name);
        CoverageReport.FileCoverage actual = find(gate, root.resolve(name));
        assertEquals(rows(expected.get("covered")), actual.covered(), name + " covered");
        assertEquals(rows(expected.get("not_covered")), actual.notCovered(), name + " not covered");
    }

    private static CoverageReport.FileCoverage find(CoverageReport gate, Path file) {
        for (Map.Entry<String, CoverageReport.FileCoverage> e : gate.files().entrySet()) {
            if (Path.of(e.getKey()).normalize().equals(file.normalize())) return e.getValue();
        }
        throw new AssertionError(
                "no coverage for " + file + " in " + gate.files().keySet());
    }

    /** OPA's ranges (row and column) as the set of rows they touch. */
    private static TreeSet<Integer> rows(JsonNode ranges) {
        TreeSet<Integer> out = new TreeSet<>();
        if (ranges == null) return out;
        for (JsonNode r : ranges) {
            for (int row = r.get("start").get("row").asInt();
                    row <= r.get("end").get("row").asInt();
                    row++) out.add(row);
        }
        return out;
    }
}
