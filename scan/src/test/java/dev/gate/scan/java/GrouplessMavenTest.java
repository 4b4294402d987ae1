package dev.gate.scan.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.sbom.Package;
import dev.gate.scan.ScanResult;
import dev.gate.scan.Scanner;
import dev.gate.scan.SharedData;
import dev.gate.scan.db.AdvisoryDb;
import dev.gate.scan.db.Importer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Maven package without its group (as another tool's SBOM may hold) is not matched by name, and the scan says so. */
class GrouplessMavenTest {

    @Test
    void aMavenPackageWithoutAGroupIsReportedNotMatched(@TempDir Path tmp) {
        Path db = tmp.resolve("osv.db");
        try (AdvisoryDb store = AdvisoryDb.openForWrite(db)) {
            new Importer(store, p -> {}).importPaths(List.of(SharedData.path("osv-maven")));
        }
        Package groupless = new Package(
                "maven",
                null,
                "spring-beans",
                "5.3.17",
                "pkg:maven/spring-beans@5.3.17",
                null,
                null,
                List.of(),
                null,
                List.of());
        Package named = new Package(
                "maven",
                "org.springframework",
                "spring-beans",
                "5.3.17",
                "pkg:maven/org.springframework/spring-beans@5.3.17",
                null,
                null,
                List.of(),
                null,
                List.of());
        try (Scanner scanner = Scanner.open(db)) {
            ScanResult result = scanner.scan(List.of(groupless, named), null);
            assertTrue(
                    result.findings().stream().allMatch(f -> f.pkg() == named),
                    result.findings().toString());
            assertTrue(result.findings().stream().anyMatch(f -> f.id().equals("GHSA-36p3-wjmg-h94x")));
            assertEquals(
                    List.of(
                            "Maven packages without a group were not scanned: a name alone could take another group's advisories"),
                    result.warnings());
        }
    }
}
