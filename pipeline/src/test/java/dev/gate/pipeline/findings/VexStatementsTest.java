package dev.gate.pipeline.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.errors.GateException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VexStatementsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    @TempDir
    Path dir;

    private ObjectNode input() throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"image": {"ref": "registry.example.com/payments/api:1.0.0", "registry": "registry.example.com",
                           "repository": "payments/api", "digest": "%s"},
                 "vulnerabilities": [
                   {"id": "DEBIAN-CVE-2022-0778", "aliases": ["CVE-2022-0778"], "package": {"purl": "pkg:deb/debian/openssl@1.1.1k?arch=amd64"}},
                   {"id": "GHSA-aaaa-bbbb-cccc", "aliases": [], "package": {"purl": "pkg:npm/lodash@4.17.20"}},
                   {"id": "GHSA-dddd-eeee-ffff", "aliases": [], "package": {"purl": "pkg:npm/minimist@1.2.5"}}]}
                """.formatted(DIGEST));
    }

    @Test
    void openVexStatementsAboutTheImageOrAPackageMarkTheirFindings() throws Exception {
        Path openVex =
                Files.writeString(dir.resolve("app.openvex.json"), """
                {"@context": "https://openvex.dev/ns/v0.2.0", "@id": "https://example.com/vex/1", "author": "sec", "version": 1,
                 "statements": [
                   {"vulnerability": {"name": "CVE-2022-0778"}, "products": [{"@id": "pkg:oci/api@%s"}],
                    "status": "not_affected", "justification": "vulnerable_code_not_in_execute_path"},
                   {"vulnerability": "GHSA-aaaa-bbbb-cccc", "products": ["pkg:npm/lodash@4.17.21"], "status": "fixed"},
                   {"vulnerability": "GHSA-dddd-eeee-ffff", "products": [{"@id": "registry.example.com/payments/api",
                    "subcomponents": [{"@id": "pkg:npm/minimist@1.2.5"}]}], "status": "under_investigation"}]}
                """.replace("%s", DIGEST.replace(":", "%3A")));
        ObjectNode input = input();
        VexStatements.apply(input, VexStatements.read(List.of(openVex)));
        assertEquals("not_affected", input.at("/vulnerabilities/0/vex/status").asText(), input.toPrettyString());
        assertEquals(
                "vulnerable_code_not_in_execute_path",
                input.at("/vulnerabilities/0/vex/justification").asText());
        assertFalse(
                input.at("/vulnerabilities/1").has("vex"),
                "a statement about another version says nothing of this one");
        assertEquals(
                "under_investigation", input.at("/vulnerabilities/2/vex/status").asText());
        assertEquals(64, input.at("/vex/documents/0/sha256").asText().length());
    }

    /** An index's findings, the same advisory in each of two platform images. */
    private static ObjectNode indexInput(String amd64, String arm64) throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"image": {"ref": "registry.example.com/payments/api:1.0.0", "registry": "registry.example.com",
                           "repository": "payments/api", "digest": "%s"},
                 "vulnerabilities": [
                   {"id": "GHSA-dddd-eeee-ffff", "package": {"purl": "pkg:npm/minimist@1.2.5"},
                    "platform": {"name": "linux/amd64", "digest": "%s"}},
                   {"id": "GHSA-aaaa-bbbb-cccc", "package": {"purl": "pkg:npm/lodash@4.17.20"},
                    "platform": {"name": "linux/amd64", "digest": "%s"}},
                   {"id": "GHSA-dddd-eeee-ffff", "package": {"purl": "pkg:npm/minimist@1.2.5"},
                    "platform": {"name": "linux/arm64", "digest": "%s"}}]}
                """.formatted(DIGEST, amd64, amd64, arm64));
    }

    @Test
    void aStatementAboutOnePlatformImageCoversOnlyThatPlatformsFindings() throws Exception {
        String amd64 = "sha256:" + "a1".repeat(32);
        String arm64 = "sha256:" + "b2".repeat(32);
        Path aboutAmd64 = Files.writeString(
                dir.resolve("amd64.openvex.json"), """
                {"@context": "https://openvex.dev/ns/v0.2.0", "statements": [
                   {"vulnerability": "GHSA-dddd-eeee-ffff", "products": [{"@id": "pkg:oci/api@%s",
                    "subcomponents": [{"@id": "pkg:npm/minimist@1.2.5"}]}], "status": "not_affected"},
                   {"vulnerability": "GHSA-aaaa-bbbb-cccc", "products": [{"@id": "pkg:oci/api@%s",
                    "subcomponents": [{"@id": "pkg:npm/minimist@1.2.5"}]}], "status": "not_affected"}]}
                """.formatted(amd64.replace(":", "%3A"), amd64.replace(":", "%3A")));
        ObjectNode input = indexInput(amd64, arm64);
        VexStatements.apply(input, VexStatements.read(List.of(aboutAmd64)));
        assertEquals("not_affected", input.at("/vulnerabilities/0/vex/status").asText(), input.toPrettyString());
        assertFalse(
                input.at("/vulnerabilities/1").has("vex"), "subcomponents narrow the statement to minimist: " + input);
        assertFalse(input.at("/vulnerabilities/2").has("vex"), "the amd64 image's statement covered arm64: " + input);

        Path aboutIndex = Files.writeString(dir.resolve("index.openvex.json"), """
                {"@context": "https://openvex.dev/ns/v0.2.0", "statements": [
                   {"vulnerability": "GHSA-dddd-eeee-ffff", "products": ["%s"], "status": "fixed"},
                   {"vulnerability": "GHSA-aaaa-bbbb-cccc", "products": ["%s"], "status": "fixed"}]}
                """.formatted(DIGEST, arm64));
        ObjectNode whole = indexInput(amd64, arm64);
        VexStatements.apply(whole, VexStatements.read(List.of(aboutIndex)));
        assertEquals(
                "fixed",
                whole.at("/vulnerabilities/0/vex/status").asText(),
                "the index's statement covers every platform");
        assertEquals("fixed", whole.at("/vulnerabilities/2/vex/status").asText(), whole.toPrettyString());
        assertFalse(whole.at("/vulnerabilities/1").has("vex"), "a statement about arm64 covered amd64: " + whole);
    }

    @Test
    void aScanWithoutAnImageStillTakesAStatementsSubcomponents() throws Exception {
        Path doc = Files.writeString(dir.resolve("sub.openvex.json"), """
                {"@context": "https://openvex.dev/ns/v0.2.0", "statements": [
                   {"vulnerability": "GHSA-dddd-eeee-ffff", "products": [{"@id": "registry.example.com/payments/api",
                    "subcomponents": [{"@id": "pkg:npm/minimist@1.2.5"}]}], "status": "not_affected"}]}
                """);
        VexStatements.Documents documents = VexStatements.read(List.of(doc));
        assertTrue(VexStatements.settles(documents, List.of("GHSA-dddd-eeee-ffff"), "pkg:npm/minimist@1.2.5"));
        assertFalse(VexStatements.settles(documents, List.of("GHSA-dddd-eeee-ffff"), "pkg:npm/minimist@1.2.6"));
    }

    @Test
    void cycloneDxAnalysesAreStatementsToo() throws Exception {
        Path cdx = Files.writeString(dir.resolve("app.cdx.json"), """
                {"bomFormat": "CycloneDX", "specVersion": "1.6", "vulnerabilities": [
                  {"id": "GHSA-aaaa-bbbb-cccc", "analysis": {"state": "false_positive"}, "affects": [{"ref": "pkg:npm/lodash@4.17.20"}]},
                  {"id": "GHSA-dddd-eeee-ffff", "affects": [{"ref": "pkg:npm/minimist@1.2.5"}]}]}
                """);
        ObjectNode input = input();
        VexStatements.apply(input, VexStatements.read(List.of(cdx)));
        assertEquals("not_affected", input.at("/vulnerabilities/1/vex/status").asText());
        assertFalse(
                input.at("/vulnerabilities/2").has("vex"),
                "a vulnerability without an analysis is a finding, not a statement");
    }

    @Test
    void aMalformedDocumentIsRefusedNamingTheFile() throws Exception {
        for (String[] bad : new String[][] {
            {"{", "not JSON"},
            {"{\"statements\": [{\"vulnerability\": \"X\", \"status\": \"maybe\"}]}", "statements[0]: status 'maybe'"},
            {"{\"statements\": [{\"status\": \"fixed\"}]}", "statements[0]: no vulnerability"},
            {"{\"something\": 1}", "neither an OpenVEX document"}
        }) {
            Path file = Files.writeString(dir.resolve("bad.json"), bad[0]);
            GateException e = assertThrows(GateException.class, () -> VexStatements.read(List.of(file)));
            assertEquals(GateException.Kind.INPUT, e.kind());
            assertTrue(e.getMessage().contains("bad.json") && e.getMessage().contains(bad[1]), e.getMessage());
        }
    }
}
