package dev.gate.policy.coverage;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.policy.PolicySet;
import dev.gate.policy.testing.PolicyTests;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * gate's coverage against OPA's, row for row. {@code opa-policies.json} is the output (compacted) of
 * {@code opa test --coverage --format json policies/} run from the repository root (OPA 1.22.4, which loads
 * {@code data.example.yaml} as gate is told to here); {@code opa-constructs.json} that of
 * {@code opa test --coverage --format json .} in {@code constructs/}. Regenerate them when the policies change.
 */
class OpaCoverageAgreementTest {
    private static final Path ROOT = Path.of(System.getProperty("gate.root", ".."));

    @Test
    void prodAndBaselineRowsAreThoseOpaCovers() throws IOException {
        assertShippedRows("policies/prod.rego", "policies/baseline.rego");
    }

    @Test
    void testFilesRowsAreThoseOpaCovers() throws IOException {
        assertShippedRows("policies/prod_test.rego", "policies/baseline_test.rego");
    }

    /**
     * Else chains, every, comprehensions over rows, default functions, mocks, print, imports, ref heads, base data,
     * {@code ==}, function arguments, {@code some} declarations, rule bodies under multi-row values.
     */
    @Test
    void languageConstructsRowsAreThoseOpaCovers() throws IOException, URISyntaxException {
        Path dir = Path.of(OpaCoverageAgreementTest.class
                .getResource("/coverage/constructs")
                .toURI());
        OpaReport.resource("/coverage/opa-constructs.json").assertSameRows(coverage(dir, List.of()), dir);
    }

    private static void assertShippedRows(String... files) throws IOException {
        CoverageReport gate = coverage(ROOT.resolve("policies"), List.of(ROOT.resolve("policies/data.example.yaml")));
        OpaReport opa = OpaReport.resource("/coverage/opa-policies.json");
        for (String file : files) opa.assertSameRows(gate, ROOT, file);
    }

    private static CoverageReport coverage(Path policies, List<Path> data) {
        PolicySet set = PolicySet.load(List.of(policies), data, true, null);
        PolicyTests.CoveredRun run = PolicyTests.runWithCoverage(set, null, Duration.ofSeconds(30));
        assertTrue(
                run.results().stream()
                        .allMatch(r -> r.status() != PolicyTests.Status.FAIL && r.status() != PolicyTests.Status.ERROR),
                run.results().toString());
        return run.coverage();
    }
}
