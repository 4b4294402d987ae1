package dev.gate.scan.version;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Go module versions: no shared vector file exists, so these lines are taken from the Go module reference. */
class GoVersionTest {

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(
            delimiter = ' ',
            value = {
                "0.0.0-20220906165146-f3363e06e74c > 0.0.0-20220826154423-83b083e8dc8b",
                "0.0.0-20220906165146-f3363e06e74c < 0.1.0",
                "v0.17.0 > 0.0.0-20220906165146-f3363e06e74c",
                "1.2.4-0.20191109021931-daa7c04131f5 > 1.2.3",
                "1.2.4-0.20191109021931-daa7c04131f5 < 1.2.4",
                "20.10.14+incompatible > 20.10.13+incompatible",
                "20.10.14+incompatible = 20.10.14",
                "1.21.0-0 < 1.21.0",
                "1.21.0-0 < 1.21.0-rc.1",
                "1.20.10 < 1.21.0-0",
                "go1.21rc2 < 1.21.0",
                "v1.10.0 > v1.9.9",
            })
    void orders(String a, String op, String b) {
        assertTrue(VersionVectorsTest.holds(new GoVersion(), a + " " + op + " " + b));
    }
}
