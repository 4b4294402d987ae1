package dev.gate.policy.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gate.policy.PolicySet;
import dev.gate.policy.testing.PolicyTests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which rows count as covered, on small policies whose rows were read from {@code opa test --coverage} (OPA 1.22.4). */
class LineCoverageTest {

    @TempDir
    Path dir;

    @Test
    void rulesTheIndexWouldSkipAreNotEvaluated() throws IOException {
        CoverageReport.FileCoverage f = coverage("""
                package p

                a if {
                \tinput.x
                }

                b if {
                \ttrue
                \tinput.y == "k"
                }

                c := to_number(input.z)

                d if {
                \tstartswith(input.w, "a")
                }
                """, """
                package p
                test_1 if { a with input as {"x": "abc"} }
                test_2 if { not b with input as {"y": "j"} }
                test_3 if { not c with input as {} }
                test_4 if { not d with input as {} }
                test_5 if { not a with input as {} }
                """);
        assertEquals(Set.of(3, 4), f.covered());
        assertEquals(Set.of(7, 8, 9, 12, 14, 15), f.notCovered());
    }

    @Test
    void constantRulesAndFunctionsStopAtTheirFirstValue() throws IOException {
        CoverageReport.FileCoverage f = coverage("""
                package p

                p if {
                \ttrue
                }

                p if {
                \t1 == 1
                }

                f(x) if {
                \tx > 0
                }

                f(x) if {
                \tx > 1
                }

                s contains 1 if {
                \ttrue
                }

                v := 1 if {
                \tsome y in [1, 2]
                \ty > 0
                }
                """, """
                package p
                test_p if { p; f(5); v == 1; s == {1} }
                """);
        assertEquals(Set.of(3, 4, 11, 12, 19, 20, 23, 24, 25), f.covered());
        assertEquals(Set.of(7, 8, 15, 16), f.notCovered());
    }

    @Test
    void expressionsSpanTheirRowsThroughClosingBrackets() throws IOException {
        CoverageReport.FileCoverage f = coverage("""
                package p

                msg := x if {
                \tx := sprintf("%v %v", [
                \t\tinput.a,
                \t\tinput.b,
                \t])
                }

                other := y if {
                \ty := concat(",", [
                \t\tinput.c,
                \t])
                }

                labels := {
                \t"a": 1,
                \t"b": 2,
                }
                """, """
                package p
                test_m if { msg == "1 2" with input as {"a": 1, "b": 2}; labels.a == 1 }
                """);
        assertEquals(Set.of(3, 4, 5, 6, 7, 16, 17, 18, 19), f.covered());
        assertEquals(Set.of(10, 11, 12, 13), f.notCovered());
    }

    @Test
    void rowsCountOnceInTheTotals() {
        CoverageReport report = new CoverageReport(java.util.Map.of(
                "a.rego", new CoverageReport.FileCoverage(new TreeSet<>(List.of(1, 2, 3)), new TreeSet<>(List.of(3))),
                "b.rego", new CoverageReport.FileCoverage(new TreeSet<>(), new TreeSet<>(List.of(1, 2, 3, 4)))));
        assertEquals(3, report.coveredLines());
        assertEquals(5, report.notCoveredLines());
        assertEquals(37.5, report.percent(), 1e-9);
        assertEquals(75.0, report.files().get("a.rego").percent(), 1e-9);
    }

    private CoverageReport.FileCoverage coverage(String policy, String tests) throws IOException {
        Files.writeString(dir.resolve("p.rego"), policy);
        Files.writeString(dir.resolve("p_test.rego"), tests);
        PolicySet set = PolicySet.load(List.of(dir), List.of(), true, null);
        PolicyTests.CoveredRun run = PolicyTests.runWithCoverage(set, null, Duration.ofSeconds(10));
        run.results().forEach(r -> assertEquals(PolicyTests.Status.PASS, r.status(), r.toString()));
        return run.coverage().files().get(dir.resolve("p.rego").toString());
    }
}
