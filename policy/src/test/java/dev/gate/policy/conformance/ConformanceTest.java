package dev.gate.policy.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.policy.syntax.RegoVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * OPA's conformance cases as dynamic tests. A case on the checked-in passing list must pass (the list may only grow);
 * any other case runs too and, when it fails, is reported as skipped with what went wrong.
 */
class ConformanceTest {

    static Path sharedCases() {
        return SharedCases.root();
    }

    static Set<String> passingList() throws IOException {
        return passingList("/conformance-passing.txt");
    }

    static Set<String> passingList(String resource) throws IOException {
        try (InputStream in = ConformanceTest.class.getResourceAsStream(resource)) {
            if (in == null) return Set.of();
            Set<String> ids = new HashSet<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) ids.add(line.strip());
            }
            return ids;
        }
    }

    @TestFactory
    Stream<DynamicTest> sharedCases_listedOnesMustPass() throws IOException {
        return listedOnesMustPass(sharedCases(), passingList());
    }

    /** Every case under {@code root} as a test: those listed must pass, the others are skipped when they fail. */
    static Stream<DynamicTest> listedOnesMustPass(Path root, Set<String> listed) throws IOException {
        return listedOnesMustPass(root, listed, RegoVersion.V1);
    }

    /** As {@link #listedOnesMustPass(Path, Set)}, the cases' modules read in the given dialect. */
    static Stream<DynamicTest> listedOnesMustPass(Path root, Set<String> listed, RegoVersion version)
            throws IOException {
        List<ConformanceCase> cases = ConformanceCase.loadAll(root);
        return cases.stream()
                .map(c -> DynamicTest.dynamicTest(c.id(root), () -> {
                    ConformanceRunner.Outcome o = ConformanceRunner.run(c, version);
                    if (listed.contains(c.id(root))) {
                        assertTrue(o.passed(), () -> c.id(root) + " is on the passing list but failed: " + o.detail());
                    } else {
                        Assumptions.assumeTrue(o.passed(), () -> "not yet passing: " + o.detail());
                    }
                }));
    }

    @org.junit.jupiter.api.Test
    void passingListCoversMostCases() throws IOException {
        Path root = sharedCases();
        int listed = passingList().size();
        int total = ConformanceCase.loadAll(root).size();
        assertTrue(listed * 100 >= total * 80, "passing list holds " + listed + " of " + total + " cases");
    }
}
