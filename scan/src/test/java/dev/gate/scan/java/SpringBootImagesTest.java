package dev.gate.scan.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.sbom.Package;
import dev.gate.sbom.Sbom;
import dev.gate.sbom.catalog.JavaIndex;
import dev.gate.sbom.catalog.TrivyJavaDb;
import dev.gate.scan.Scanner;
import dev.gate.scan.SharedData;
import dev.gate.scan.db.AdvisoryDb;
import dev.gate.scan.db.Importer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Spring Boot 2.6.5 web + actuator application (Spring4Shell era) built by Maven at test time, as a fat jar
 * (the real spring-boot-maven-plugin repackage) and as a jib-style {@code /app/libs} layout, cataloged by gate
 * and scanned against GitHub's advisories in ../shared/osv-maven. {@code mvn dependency:list} is the truth.
 */
class SpringBootImagesTest {

    @TempDir
    static Path tmp;

    private static Path project;
    private static Map<String, MavenBuiltFixtures.Dependency> truth;
    private static Map<String, byte[]> libs;
    private static Scanner scanner;
    private static TrivyJavaDb javaDb;

    @BeforeAll
    static void build() throws Exception {
        Path advisories = SharedData.path("osv-maven");
        project = MavenBuiltFixtures.build("spring-boot-web.pom.xml");
        truth = MavenBuiltFixtures.groundTruth(project);
        libs = new LinkedHashMap<>();
        for (Path jar : MavenBuiltFixtures.libs(project)) {
            libs.put(jar.getFileName().toString(), Files.readAllBytes(jar));
        }
        Path db = tmp.resolve("osv.db");
        try (AdvisoryDb store = AdvisoryDb.openForWrite(db)) {
            new Importer(store, p -> {}).importPaths(List.of(advisories));
        }
        scanner = Scanner.open(db);
        Map<String, MavenBuiltFixtures.Dependency> bySha1 = new LinkedHashMap<>();
        libs.forEach((file, bytes) -> bySha1.put(MavenBuiltFixtures.sha1(bytes), truth.get(file)));
        javaDb = JavaImages.javaDb(tmp.resolve("trivy-java.db"), bySha1);
    }

    @AfterAll
    static void close() {
        if (scanner != null) {
            scanner.close();
        }
        if (javaDb != null) {
            javaDb.close();
        }
    }

    @Test
    void everyJarIsNamedExactlyOrReportedUnknownWithoutAnIndex() {
        assertEquals(truth.keySet(), libs.keySet(), "dependency:list and the copied jars agree");
        Sbom sbom = JavaImages.catalog(jibLayout(), JavaIndex.NONE);
        int exact = 0;
        for (MavenBuiltFixtures.Dependency d : truth.values()) {
            Package p = at(sbom, "/app/libs/" + d.fileName());
            if (p.purl() == null) {
                assertTrue(
                        sbom.unknowns().stream().anyMatch(u -> u.path().equals("/app/libs/" + d.fileName())),
                        d.fileName());
                assertEquals(d.version(), p.version(), d.fileName());
            } else {
                assertEquals(d.purl(), p.purl(), d.fileName());
                exact++;
            }
        }
        System.out.println("jib layout without a Java DB: " + exact + " of " + truth.size()
                + " jars named exactly, the rest unknown");
        assertTrue(exact >= 10, "the Maven-built jars at least: " + exact);
    }

    @Test
    void withTheJavaDbEveryJarOfTheJibLayoutIsNamedExactly() {
        Sbom sbom = JavaImages.catalog(jibLayout(), javaDb);
        Set<String> expected = new TreeSet<>();
        truth.values().forEach(d -> expected.add(d.purl()));
        assertEquals(expected, purls(sbom));
        for (MavenBuiltFixtures.Dependency d : truth.values()) {
            Package p = at(sbom, "/app/libs/" + d.fileName());
            assertEquals(
                    MavenBuiltFixtures.sha1(libs.get(d.fileName())), p.hashes().get("SHA-1"));
        }
    }

    @Test
    void withTheJavaDbEveryJarOfTheFatJarIsNamedExactly() throws IOException {
        byte[] fatJar = Files.readAllBytes(project.resolve("target/demo-1.0.jar"));
        Sbom sbom = JavaImages.catalog(Map.of("app/app.jar", fatJar), javaDb);
        List<String> nested = nestedLibs(fatJar);
        int checked = 0;
        for (String file : nested) {
            Package p = at(sbom, "/app/app.jar:BOOT-INF/lib/" + file);
            MavenBuiltFixtures.Dependency d = truth.get(file);
            if (d != null) {
                assertEquals(d.purl(), p.purl(), file);
                checked++;
            } else {
                // added by the repackage itself (spring-boot-jarmode-layertools), not a dependency
                assertTrue(p.purl() == null || p.purl().startsWith("pkg:maven/org.springframework.boot/"), p.purl());
            }
        }
        assertTrue(checked >= 30, "BOOT-INF/lib holds the runtime jars: " + checked);
        assertEquals(
                "pkg:maven/org.example.gate/demo@1.0", at(sbom, "/app/app.jar").purl());
    }

    @Test
    void theFatJarAndTheJibLayoutAreFlaggedAsExactCoordinatesAre() throws IOException {
        List<Package> exact = new ArrayList<>();
        byte[] fatJar = Files.readAllBytes(project.resolve("target/demo-1.0.jar"));
        Set<String> inFatJar = Set.copyOf(nestedLibs(fatJar));
        for (MavenBuiltFixtures.Dependency d : truth.values()) {
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
                    List.of(d.fileName())));
        }
        Set<String> expected = findings(exact, null);
        assertTrue(
                expected.stream().anyMatch(f -> f.startsWith("GHSA-36p3-wjmg-h94x org.springframework:spring-beans")),
                "Spring4Shell affects spring-beans 5.3.17: " + expected);
        assertTrue(expected.stream().anyMatch(f -> f.contains("tomcat-embed-core")), expected.toString());

        Sbom jib = JavaImages.catalog(jibLayout(), javaDb);
        assertEquals(expected, findings(jib.packages(), null));

        Sbom fat = JavaImages.catalog(Map.of("app/app.jar", fatJar), javaDb);
        Set<String> expectedInFatJar = findings(exact, inFatJar);
        assertEquals(expectedInFatJar, findings(fat.packages(), null));
        assertTrue(expectedInFatJar.stream()
                .anyMatch(f -> f.startsWith("GHSA-36p3-wjmg-h94x org.springframework:spring-beans")));
    }

    /** "ID group:artifact" of every finding; {@code onlyFiles} limits the packages to those file names. */
    private static Set<String> findings(List<Package> packages, Set<String> onlyFiles) {
        List<Package> chosen = packages.stream()
                .filter(p -> onlyFiles == null
                        || p.paths().stream()
                                .anyMatch(path -> onlyFiles.contains(path.substring(path.lastIndexOf('/') + 1))))
                .toList();
        Set<String> out = new TreeSet<>();
        scanner.scan(chosen, null)
                .findings()
                .forEach(f ->
                        out.add(f.id() + " " + f.pkg().group() + ":" + f.pkg().name()));
        return out;
    }

    private static Map<String, byte[]> jibLayout() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        libs.forEach((file, bytes) -> files.put("app/libs/" + file, bytes));
        files.put("app/resources/application.properties", "server.port=8080\n".getBytes());
        return files;
    }

    private static List<String> nestedLibs(byte[] fatJar) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new java.io.ByteArrayInputStream(fatJar))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (e.getName().startsWith("BOOT-INF/lib/") && e.getName().endsWith(".jar")) {
                    names.add(e.getName().substring("BOOT-INF/lib/".length()));
                }
            }
        }
        return names;
    }

    private static Set<String> purls(Sbom sbom) {
        Set<String> out = new TreeSet<>();
        sbom.packages().forEach(p -> {
            assertNotNull(p.purl(), "unnamed: " + p.paths());
            out.add(p.purl());
        });
        return out;
    }

    private static Package at(Sbom sbom, String path) {
        List<Package> found =
                sbom.packages().stream().filter(p -> p.paths().contains(path)).toList();
        assertEquals(1, found.size(), path + " in " + sbom.packages());
        return found.get(0);
    }

    @Test
    void noGrouplessMavenPurlInEitherImage() throws IOException {
        byte[] fatJar = Files.readAllBytes(project.resolve("target/demo-1.0.jar"));
        for (Sbom sbom : List.of(
                JavaImages.catalog(jibLayout(), JavaIndex.NONE),
                JavaImages.catalog(Map.of("app/app.jar", fatJar), JavaIndex.NONE))) {
            for (Package p : sbom.packages()) {
                if (p.purl() != null) {
                    assertTrue(p.purl().substring("pkg:maven/".length()).contains("/"), p.purl());
                } else {
                    assertNull(p.group());
                }
            }
        }
    }
}
