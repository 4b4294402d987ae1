package dev.gate.scan.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.sbom.Package;
import dev.gate.sbom.Sbom;
import dev.gate.sbom.catalog.JavaIndex;
import dev.gate.scan.Scanner;
import dev.gate.scan.SharedData;
import dev.gate.scan.db.AdvisoryDb;
import dev.gate.scan.db.Importer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A jar made by the real maven-shade-plugin at test time: every pom.properties it still holds is reported
 * with its exact coordinates, and scanned as those coordinates are; the shaded jar's own checksums belong
 * to its own component only.
 */
class ShadedJarTest {

    @Test
    void everyPomPropertiesOfAShadedJarIsReportedAndScanned(@TempDir Path tmp) throws IOException {
        Path advisories = SharedData.path("osv-maven");
        Path project = MavenBuiltFixtures.build("shaded.pom.xml");
        Map<String, MavenBuiltFixtures.Dependency> truth = MavenBuiltFixtures.groundTruth(project);
        Set<String> expected = new TreeSet<>();
        List<Package> exact = new ArrayList<>();
        for (Path lib : MavenBuiltFixtures.libs(project)) {
            MavenBuiltFixtures.Dependency d = truth.get(lib.getFileName().toString());
            if (hasPomProperties(Files.readAllBytes(lib))) { // a Gradle-built jar leaves nothing to report once shaded
                expected.add(d.purl());
                exact.add(new Package(
                        "maven",
                        d.group(),
                        d.artifact(),
                        d.version(),
                        d.purl(),
                        null,
                        null,
                        List.of(),
                        null,
                        List.of()));
            }
        }
        assertTrue(expected.size() >= 5 && expected.size() < truth.size(), expected + " of " + truth.keySet());
        expected.add("pkg:maven/org.example.gate/shaded@1.0");
        byte[] shaded = Files.readAllBytes(project.resolve("target/shaded-1.0.jar"));

        Sbom sbom = JavaImages.catalog(Map.of("app/shaded-1.0.jar", shaded), JavaIndex.NONE);
        Set<String> found = new TreeSet<>();
        sbom.packages().forEach(p -> found.add(p.purl()));
        assertEquals(expected, found);
        for (Package p : sbom.packages()) {
            assertEquals(List.of("/app/shaded-1.0.jar"), p.paths());
            assertEquals(p.name().equals("shaded"), !p.hashes().isEmpty(), p.purl());
        }

        Path db = tmp.resolve("osv.db");
        try (AdvisoryDb store = AdvisoryDb.openForWrite(db)) {
            new Importer(store, p -> {}).importPaths(List.of(advisories));
        }
        try (Scanner scanner = Scanner.open(db)) {
            Set<String> fromExact = ids(scanner, exact);
            assertTrue(fromExact.contains("GHSA-mjmj-j48q-9wg2 snakeyaml"), fromExact.toString());
            assertTrue(fromExact.contains("GHSA-fjq5-5j5f-mvxh commons-collections"), fromExact.toString());
            assertEquals(fromExact, ids(scanner, sbom.packages()));
        }
    }

    private static Set<String> ids(Scanner scanner, List<Package> packages) {
        Set<String> out = new TreeSet<>();
        scanner.scan(packages, null)
                .findings()
                .forEach(f -> out.add(f.id() + " " + f.pkg().name()));
        return out;
    }

    private static boolean hasPomProperties(byte[] jar) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(jar))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (e.getName().startsWith("META-INF/maven/") && e.getName().endsWith("/pom.properties")) {
                    return true;
                }
            }
        }
        return false;
    }
}
