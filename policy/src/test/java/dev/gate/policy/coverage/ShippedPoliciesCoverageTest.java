package dev.gate.policy.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.policy.PolicySet;
import dev.gate.policy.testing.PolicyTests;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * gate's coverage of the shipped policies against OPA's. {@code opa-policies.json} is the output of
 * {@code opa test --coverage --format json policies/} (OPA 1.22.4, run from the repository root, which loads
 * {@code data.example.yaml} as gate is told to here); regenerate it when the policies or their tests change.
 */
class ShippedPoliciesCoverageTest {
    private static final Path ROOT = Path.of(System.getProperty("gate.root", ".."));
    private static CoverageReport gate;
    private static JsonNode opa;

    @BeforeAll
    static void run() throws IOException {
        Path policies = ROOT.resolve("policies");
        PolicySet set = PolicySet.load(List.of(policies), List.of(policies.resolve("data.example.yaml")), true, null);
        PolicyTests.CoveredRun run = PolicyTests.runWithCoverage(set, null, Duration.ofSeconds(30));
        assertTrue(run.results().stream().allMatch(r -> r.status() == PolicyTests.Status.PASS), run.results().toString());
        gate = run.coverage();
        try (InputStream in = ShippedPoliciesCoverageTest.class.getResourceAsStream("/coverage/opa-policies.json")) {
            opa = new ObjectMapper().readTree(in);
        }
    }

    @Test
    void prodLinesAreThoseOpaCovers() {
        assertSameLines("prod.rego");
    }

    @Test
    void baselineLinesAreThoseOpaCovers() {
        assertSameLines("baseline.rego");
    }

    @Test
    void testFilesLinesAreThoseOpaCovers() {
        assertSameLines("prod_test.rego");
        assertSameLines("baseline_test.rego");
    }

    private static void assertSameLines(String name) {
        JsonNode expected = opa.get("files").get("policies/" + name);
        CoverageReport.FileCoverage actual = gateFile(name);
        assertEquals(rows(expected.get("covered")), actual.covered(), name + " covered");
        assertEquals(rows(expected.get("not_covered")), actual.notCovered(), name + " not covered");
    }

    private static CoverageReport.FileCoverage gateFile(String name) {
        for (Map.Entry<String, CoverageReport.FileCoverage> e : gate.files().entrySet()) {
            if (Path.of(e.getKey()).getFileName().toString().equals(name)) return e.getValue();
        }
        throw new AssertionError("no coverage for " + name + " in " + gate.files().keySet());
    }

    /** OPA's ranges (row and column) as the set of rows they touch. */
    private static TreeSet<Integer> rows(JsonNode ranges) {
        TreeSet<Integer> out = new TreeSet<>();
        if (ranges == null) return out;
        for (JsonNode r : ranges) {
            for (int row = r.get("start").get("row").asInt(); row <= r.get("end").get("row").asInt(); row++) out.add(row);
        }
        return out;
    }
}
