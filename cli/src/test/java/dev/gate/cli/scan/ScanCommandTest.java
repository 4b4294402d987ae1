package dev.gate.cli.scan;

import static dev.gate.cli.InProcessGate.gate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.cli.InProcessGate.Run;
import dev.gate.image.testing.TestMaterial;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gate db import|info} and {@code gate scan --sbom} end to end, on the shared OSV records. */
class ScanCommandTest {

    @TempDir
    static Path tmp;

    static Path db;
    static Path sbom;

    @BeforeAll
    static void setUp() throws IOException {
        Path osv = TestMaterial.shared("osv");
        db = tmp.resolve("osv.db");
        Run imported = gate("db", "import", osv.toString(), "--db", db.toString());
        assertEquals(0, imported.code(), imported.err());
        assertTrue(imported.out().contains("2 withdrawn"), imported.out());
        sbom = tmp.resolve("bom.json");
        Files.writeString(sbom, """
                {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1, "components": [
                  {"type": "operating-system", "name": "debian", "version": "11"},
                  {"bom-ref": "deb-libssl", "type": "library", "name": "libssl1.1", "version": "1.1.1k-1+deb11u1",
                   "purl": "pkg:deb/debian/libssl1.1@1.1.1k-1%2Bdeb11u1?arch=amd64&upstream=openssl&distro=debian-11"},
                  {"bom-ref": "log4j", "type": "library", "name": "log4j-core", "version": "2.14.1",
                   "purl": "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"},
                  {"bom-ref": "py", "type": "library", "name": "py", "version": "1.11.0", "purl": "pkg:pypi/py@1.11.0"},
                  {"bom-ref": "safe", "type": "library", "name": "requests", "version": "2.31.0", "purl": "pkg:pypi/requests@2.31.0"}
                ]}
                """);
    }

    @Test
    void tableListsFindingsAndExitCodeFollowsFlag() {
        Run plain = gate("scan", "--sbom", sbom.toString(), "--db", db.toString());
        assertEquals(0, plain.code(), plain.err());
        assertTrue(plain.out().contains("GHSA-jfh8-c2jp-5v3q"), plain.out());
        assertTrue(plain.out().contains("DEBIAN-CVE-2022-0778"), plain.out());
        assertFalse(plain.out().contains("GHSA-j8r2-6x86-q33q"), "requests 2.31.0 is fixed");
        assertEquals(
                1,
                gate("scan", "--sbom", sbom.toString(), "--db", db.toString(), "--exit-code", "1")
                        .code());
    }

    /** As trivy's --vex: what a statement calls not_affected or fixed in that package is left out, nothing else. */
    @Test
    void vexLeavesOutWhatItSettlesInThatPackage() throws IOException {
        Path vex = Files.writeString(tmp.resolve("scan.openvex.json"), """
                {"@context": "https://openvex.dev/ns/v0.2.0", "statements": [
                  {"vulnerability": {"name": "CVE-2021-44228"}, "status": "not_affected",
                   "products": [{"@id": "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"}]},
                  {"vulnerability": {"name": "PYSEC-2022-42969"}, "status": "affected", "products": ["pkg:pypi/py@1.11.0"]},
                  {"vulnerability": {"name": "CVE-2022-0778"}, "status": "fixed", "products": ["pkg:deb/debian/libssl1.1@9.9"]}]}
                """);
        JsonNode scanned = json(gate(
                "scan", "--sbom", sbom.toString(), "--db", db.toString(), "--format", "json", "--vex", vex.toString()));
        List<String> ids = new ArrayList<>();
        scanned.get("vulnerabilities").forEach(v -> ids.add(v.get("id").asText()));
        assertFalse(ids.contains("GHSA-jfh8-c2jp-5v3q"), "not_affected by its alias: " + ids);
        assertTrue(
                ids.contains("PYSEC-2022-42969") && ids.contains("DEBIAN-CVE-2022-0778"),
                "affected, or another version: " + ids);
        Run bad = gate("scan", "--sbom", sbom.toString(), "--db", db.toString(), "--vex", sbom.toString());
        assertEquals(2, bad.code(), bad.toString());
        assertTrue(bad.err().contains("--vex " + sbom), bad.err());
    }

    @Test
    void severityAndUnfixedFilters() throws IOException {
        JsonNode critical = json(gate(
                "scan",
                "--sbom",
                sbom.toString(),
                "--db",
                db.toString(),
                "--format",
                "json",
                "--severity",
                "CRITICAL"));
        for (JsonNode v : critical.get("vulnerabilities")) {
            assertEquals("CRITICAL", v.get("severity").asText());
        }
        assertTrue(critical.get("vulnerabilities").size() > 0);
        JsonNode fixedOnly = json(
                gate("scan", "--sbom", sbom.toString(), "--db", db.toString(), "--format", "json", "--ignore-unfixed"));
        List<String> ids = new ArrayList<>();
        fixedOnly.get("vulnerabilities").forEach(v -> ids.add(v.get("id").asText()));
        assertFalse(ids.contains("PYSEC-2022-42969"), "py has no fix: " + ids);
        assertTrue(ids.contains("GHSA-jfh8-c2jp-5v3q"), ids.toString());
        assertEquals(
                fixedOnly.get("vulnerabilities").size(),
                fixedOnly.at("/scan/summary").findValues("critical").get(0).asInt()
                        + fixedOnly.at("/scan/summary/high").asInt()
                        + fixedOnly.at("/scan/summary/medium").asInt()
                        + fixedOnly.at("/scan/summary/low").asInt()
                        + fixedOnly.at("/scan/summary/unknown").asInt());
    }

    @Test
    void sarifHasRulesResultsAndLocations() throws IOException {
        JsonNode sarif = json(gate("scan", "--sbom", sbom.toString(), "--db", db.toString(), "--format", "sarif"));
        assertEquals("2.1.0", sarif.get("version").asText());
        JsonNode run = sarif.get("runs").get(0);
        assertTrue(run.at("/tool/driver/rules").size() > 0);
        for (JsonNode result : run.get("results")) {
            assertTrue(result.at("/locations/0/physicalLocation/artifactLocation/uri")
                    .isTextual());
            JsonNode rule =
                    run.at("/tool/driver/rules").get(result.get("ruleIndex").asInt());
            assertEquals(result.get("ruleId").asText(), rule.get("id").asText());
            assertTrue(rule.at("/properties/security-severity").isTextual());
        }
    }

    @Test
    void cycloneDxCarriesVulnerabilitiesAgainstBomRefs() throws IOException {
        JsonNode bom = json(gate("scan", "--sbom", sbom.toString(), "--db", db.toString(), "--format", "cyclonedx"));
        assertEquals(5, bom.get("components").size());
        boolean log4j = false;
        for (JsonNode v : bom.get("vulnerabilities")) {
            if (v.get("id").asText().equals("GHSA-jfh8-c2jp-5v3q")) {
                log4j = true;
                assertEquals("log4j", v.at("/affects/0/ref").asText());
                assertEquals("critical", v.at("/ratings/0/severity").asText());
            }
            if (v.get("id").asText().equals("DEBIAN-CVE-2022-0778")) {
                assertEquals("deb-libssl", v.at("/affects/0/ref").asText());
            }
        }
        assertTrue(log4j);
    }

    @Test
    void badInputIsOneLineAndExitTwo() throws IOException {
        Path notBom = tmp.resolve("not-bom.json");
        Files.writeString(notBom, "{\"spdxVersion\": \"SPDX-2.3\"}");
        Run wrong = gate("scan", "--sbom", notBom.toString(), "--db", db.toString());
        assertEquals(2, wrong.code());
        assertTrue(
                wrong.err().startsWith("gate: ") && wrong.err().trim().lines().count() == 1, wrong.err());
        assertTrue(wrong.err().contains("not a CycloneDX"), wrong.err());

        Run missingDb = gate(
                "scan",
                "--sbom",
                sbom.toString(),
                "--db",
                tmp.resolve("nope.db").toString());
        assertEquals(2, missingDb.code());
        assertTrue(missingDb.err().contains("does not exist"), missingDb.err());

        Path corrupt = tmp.resolve("corrupt.db");
        Files.writeString(corrupt, "garbage ".repeat(1000));
        Run corruptDb = gate("scan", "--sbom", sbom.toString(), "--db", corrupt.toString());
        assertEquals(2, corruptDb.code(), corruptDb.err());
        assertEquals(1, corruptDb.err().trim().lines().count(), corruptDb.err());

        assertEquals(
                2,
                gate("scan", "--sbom", sbom.toString(), "--db", db.toString(), "--severity", "SEVERE")
                        .code());
        Path bogus = tmp.resolve("bogus.json");
        Files.writeString(
                bogus, "{\"bomFormat\":\"CycloneDX\",\"components\":[{\"name\":\"x\",\"purl\":\"pkg:bogus/x@1\"}]}");
        Run unknown = gate("scan", "--sbom", bogus.toString(), "--db", db.toString());
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("unknown ecosystem"), unknown.err());
        assertEquals(2, gate("scan", "--db", db.toString()).code());
    }

    /** gate scan SOURCE catalogs through gate sbom, with the same time budget. */
    @Test
    void theCatalogTimeoutReachesTheCataloger() {
        Path sample = Path.of(System.getProperty("gate.root", ".")).resolve("testdata/sample");
        assumeTrue(Files.isDirectory(sample), "testdata/sample missing");
        Run zero = gate("scan", "oci:" + sample, "--db", db.toString(), "--catalog-timeout", "0s");
        assertEquals(2, zero.code(), zero.err());
        assertTrue(zero.err().contains("--catalog-timeout 0s: must be more than zero"), zero.err());
        assertEquals(
                0,
                gate("scan", "oci:" + sample, "--db", db.toString(), "--catalog-timeout", "1m")
                        .code());
    }

    @Test
    void scansAnImageThroughTheCataloger() throws IOException {
        Path sample = Path.of(System.getProperty("gate.root", ".")).resolve("testdata/sample");
        assumeTrue(Files.isDirectory(sample), "testdata/sample missing");
        // A made-up advisory for the sample's zlib (Debian 12 source package of zlib1g, epoch 1).
        Path records = tmp.resolve("zlib-records");
        Files.createDirectories(records);
        Files.writeString(
                records.resolve("TEST-ZLIB-1.json"),
                "{\"id\":\"TEST-ZLIB-1\",\"modified\":\"2024-01-01T00:00:00Z\","
                        + "\"affected\":[{\"package\":{\"ecosystem\":\"Debian:12\",\"name\":\"zlib\"},\"ranges\":[{\"type\":"
                        + "\"ECOSYSTEM\",\"events\":[{\"introduced\":\"0\"},{\"fixed\":\"1:1.2.13.dfsg-2\"}]}]}]}");
        Files.writeString(
                records.resolve("TEST-ZLIB-2.json"),
                "{\"id\":\"TEST-ZLIB-2\",\"modified\":\"2024-01-01T00:00:00Z\","
                        + "\"affected\":[{\"package\":{\"ecosystem\":\"Debian:12\",\"name\":\"zlib\"},\"ranges\":[{\"type\":"
                        + "\"ECOSYSTEM\",\"events\":[{\"introduced\":\"0\"},{\"fixed\":\"1:1.2.13.dfsg-1\"}]}]}]}");
        Path imageDb = tmp.resolve("image.db");
        assertEquals(
                0,
                gate("db", "import", records.toString(), "--db", imageDb.toString())
                        .code());
        JsonNode result = json(gate("scan", "oci:" + sample, "--db", imageDb.toString(), "--format", "json"));
        assertEquals(3, result.at("/scan/packagesScanned").asInt(), result.toString());
        List<String> ids = new ArrayList<>();
        result.get("vulnerabilities")
                .forEach(v -> ids.add(
                        v.get("id").asText() + " " + v.at("/package/name").asText()));
        assertEquals(List.of("TEST-ZLIB-1 zlib1g"), ids, "fixed in 1:1.2.13.dfsg-1 means the installed one is fixed");
        Run missing = gate("scan", "oci:" + tmp.resolve("no-such-layout"), "--db", imageDb.toString());
        assertEquals(2, missing.code(), missing.err());
    }

    @Test
    void infoCountsPerEcosystem() throws IOException {
        JsonNode info = json(gate("db", "info", "--db", db.toString(), "--format", "json"));
        assertTrue(info.get("advisories").asInt() >= 30);
        assertTrue(info.at("/perEcosystem/Maven").asInt() >= 4, info.toString());
        assertTrue(info.get("newestModified").isTextual());
    }

    private static JsonNode json(Run run) throws IOException {
        assertTrue(run.code() == 0, run.err());
        return new ObjectMapper().readTree(run.out());
    }
}
