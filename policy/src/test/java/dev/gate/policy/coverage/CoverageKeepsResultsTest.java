package dev.gate.policy.coverage;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.policy.conformance.ConformanceCase;
import dev.gate.policy.conformance.ConformanceRunner;
import dev.gate.policy.conformance.SharedCases;
import dev.gate.policy.eval.Coverage;
import dev.gate.policy.syntax.RegoVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Measuring coverage skips what OPA's rule index and early exit skip; results must not change. Every shared OPA
 * conformance case on the passing list passes with coverage recorded too.
 */
class CoverageKeepsResultsTest {

    @TestFactory
    Stream<DynamicTest> passingConformanceCasesStillPassWithCoverage() throws IOException {
        Path root = SharedCases.root();
        Set<String> passing = passingList();
        List<ConformanceCase> cases = ConformanceCase.loadAll(root);
        return cases.stream()
                .filter(c -> passing.contains(c.id(root)))
                .map(c -> DynamicTest.dynamicTest(c.id(root), () -> {
                    ConformanceRunner.Outcome o = ConformanceRunner.run(c, RegoVersion.V1, new Coverage());
                    assertTrue(o.passed(), () -> c.id(root) + " fails with coverage recorded: " + o.detail());
                }));
    }

    private static Set<String> passingList() throws IOException {
        try (InputStream in = CoverageKeepsResultsTest.class.getResourceAsStream("/conformance-passing.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty())
                    .collect(Collectors.toSet());
        }
    }
}
