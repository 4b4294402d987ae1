package dev.gate.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.sbom.OsRelease;
import dev.gate.sbom.Package;
import dev.gate.scan.db.AdvisoryDb;
import dev.gate.scan.db.Importer;
import dev.gate.scan.severity.Severity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Matching against the real records of ../shared/osv, with the answers the issue names. */
class ScannerTest {

    @TempDir
    static Path tmp;

    private static Scanner scanner;

    private static final OsRelease DEBIAN_11 = new OsRelease("debian", "11", "Debian GNU/Linux 11 (bullseye)");
    private static final OsRelease ALMA_9 = new OsRelease("almalinux", "9.0", "AlmaLinux 9.0");
    private static final OsRelease ALPINE_319 = new OsRelease("alpine", "3.19.1", "Alpine Linux v3.19");

    @BeforeAll
    static void importShared() {
        Path db = tmp.resolve("osv.db");
        try (AdvisoryDb advisories = AdvisoryDb.openForWrite(db)) {
            new Importer(advisories, p -> {}).importPaths(List.of(SharedData.path("osv")));
        }
        scanner = Scanner.open(db);
    }

    @AfterAll
    static void close() {
        if (scanner != null) {
            scanner.close();
        }
    }

    static Package pkg(String type, String group, String name, String version) {
        return new Package(type, group, name, version, null, null, null, List.of(), null, List.of());
    }

    static Package deb(String name, String version, String source, String sourceVersion) {
        return new Package("deb", null, name, version, null, source, sourceVersion, List.of(), null, List.of());
    }

    private static List<String> ids(Package p, OsRelease os) {
        List<String> ids = new ArrayList<>();
        scanner.scan(List.of(p), os).findings().forEach(f -> ids.add(f.id()));
        return ids;
    }

    @Test
    void log4jCoreAffectedBelowFixOnly() {
        assertTrue(ids(pkg("maven", "org.apache.logging.log4j", "log4j-core", "2.14.1"), null)
                .contains("GHSA-jfh8-c2jp-5v3q"));
        assertFalse(ids(pkg("maven", "org.apache.logging.log4j", "log4j-core", "2.15.0"), null)
                .contains("GHSA-jfh8-c2jp-5v3q"));
        Finding f = scanner
                .scan(List.of(pkg("maven", "org.apache.logging.log4j", "log4j-core", "2.14.1")), null)
                .findings()
                .stream()
                .filter(x -> x.id().equals("GHSA-jfh8-c2jp-5v3q"))
                .findFirst()
                .orElseThrow();
        assertEquals(Severity.CRITICAL, f.rating().severity());
        assertEquals(10.0, f.rating().score());
        assertEquals(List.of("2.15.0"), f.fixedVersions());
        assertTrue(f.aliases().contains("CVE-2021-44228"));
    }

    @Test
    void debianOpensslMatchedThroughSourcePackage() {
        Package affected = deb("libssl1.1", "1.1.1k-1+deb11u1", "openssl", null);
        Package fixed = deb("libssl1.1", "1.1.1k-1+deb11u2", "openssl", null);
        assertTrue(ids(affected, DEBIAN_11).contains("DEBIAN-CVE-2022-0778"));
        assertFalse(ids(fixed, DEBIAN_11).contains("DEBIAN-CVE-2022-0778"));
        assertTrue(
                ids(fixed, new OsRelease("debian", "12", "bookworm")).contains("DEBIAN-CVE-2022-0778"),
                "Debian 12's entry is fixed only in 1.1.1n-1: the release picks the entry");
    }

    @Test
    void ghsaAndPysecTwinsMakeOneFinding() {
        List<Finding> findings = scanner.scan(List.of(pkg("pypi", null, "Requests", "2.30.0")), null)
                .findings();
        List<Finding> twins = findings.stream()
                .filter(f -> f.aliases().contains("CVE-2023-32681"))
                .toList();
        assertEquals(1, twins.size(), findings.toString());
        assertEquals("GHSA-j8r2-6x86-q33q", twins.get(0).id());
        assertTrue(twins.get(0).aliases().contains("PYSEC-2023-74"));
        assertEquals(Severity.MEDIUM, twins.get(0).rating().severity());
        assertEquals(6.1, twins.get(0).rating().score());
    }

    @Test
    void unsortedEventsPairedAndFixOfTheRightBranch() {
        Finding f = scanner.scan(List.of(pkg("pypi", null, "urllib3", "1.26.16")), null).findings().stream()
                .filter(x -> x.id().equals("PYSEC-2023-192") || x.aliases().contains("PYSEC-2023-192"))
                .findFirst()
                .orElseThrow();
        assertEquals(List.of("1.26.17"), f.fixedVersions());
        assertTrue(ids(pkg("pypi", null, "urllib3", "2.0.5"), null).contains("PYSEC-2023-192"));
        assertFalse(ids(pkg("pypi", null, "urllib3", "2.0.6"), null).contains("PYSEC-2023-192"));
        assertFalse(ids(pkg("pypi", null, "urllib3", "1.26.17"), null).contains("PYSEC-2023-192"));
    }

    @Test
    void lastAffectedIsInclusive() {
        assertTrue(ids(pkg("pypi", null, "py", "1.11.0"), null).contains("PYSEC-2022-42969"));
        assertFalse(ids(pkg("pypi", null, "py", "1.11.1"), null).contains("PYSEC-2022-42969"));
        Finding f = scanner.scan(List.of(pkg("pypi", null, "py", "1.11.0")), null)
                .findings()
                .get(0);
        assertFalse(f.fixAvailable());
    }

    @Test
    void goPseudoVersionsAndIncompatible() {
        assertTrue(ids(pkg("golang", "golang.org/x", "net", "v0.0.0-20220826154423-83b083e8dc8b"), null)
                .contains("GO-2022-0969"));
        assertFalse(ids(pkg("golang", "golang.org/x", "net", "v0.0.0-20220906165146-f3363e06e74c"), null)
                .contains("GO-2022-0969"));
        assertTrue(ids(pkg("golang", "github.com/docker", "docker", "v20.10.13+incompatible"), null)
                .contains("GO-2022-0390"));
        assertFalse(ids(pkg("golang", "github.com/docker", "docker", "v20.10.14+incompatible"), null)
                .contains("GO-2022-0390"));
        assertFalse(ids(pkg("golang", "k8s.io", "kubernetes", "v1.0.0"), null).contains("GO-2022-0617"), "withdrawn");
    }

    @Test
    void almaLinuxEpochAndAlpineRelease() {
        Package oldLibs = new Package(
                "rpm", null, "openssl-libs", "1:3.0.1-40.el9_0", null, "openssl", null, List.of(), null, List.of());
        Package newLibs = new Package(
                "rpm", null, "openssl-libs", "1:3.0.1-41.el9_0", null, "openssl", null, List.of(), null, List.of());
        assertTrue(ids(oldLibs, ALMA_9).contains("ALSA-2022:6224"));
        assertFalse(ids(newLibs, ALMA_9).contains("ALSA-2022:6224"));
        Package apk =
                new Package("apk", null, "libcrypto3", "3.0.4-r0", null, "openssl", null, List.of(), null, List.of());
        assertTrue(ids(apk, ALPINE_319).contains("ALPINE-CVE-2022-2097"));
    }

    @Test
    void unparseableVersionsAndUnsupportedEcosystemsAreWarnedOnceNotFatal() {
        ScanResult result = scanner.scan(
                List.of(
                        pkg("npm", null, "semver", "not a version"),
                        pkg("npm", null, "semver", "not a version"),
                        pkg("gem", null, "rails", "7.0.0"),
                        pkg("npm", null, "semver", "7.5.1")),
                null);
        assertEquals(2, result.warnings().size(), result.warnings().toString());
        assertEquals(1, result.findings().size());
        assertEquals("GHSA-c2qf-rxjj-qqgw", result.findings().get(0).id());
        assertEquals(List.of("7.5.2"), result.findings().get(0).fixedVersions());
        assertEquals(1L, result.count(Severity.MEDIUM));
    }
}
