package dev.gate.scan.sbomin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.errors.GateException;
import dev.gate.sbom.Package;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CycloneDxInputTest {

    @TempDir
    Path tmp;

    private static CycloneDxInput bom(String components) throws Exception {
        String json = "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\",\"components\":[" + components + "]}";
        return CycloneDxInput.fromBom((ObjectNode) new ObjectMapper().readTree(json), "test");
    }

    @Test
    void syftDebianPurlGivesSourcePackageAndDistroFromQualifier() throws Exception {
        CycloneDxInput in =
                bom("{\"name\":\"libssl1.1\",\"purl\":\"pkg:deb/debian/libssl1.1@1.1.1n-0%2Bdeb11u3?arch=amd64"
                        + "&upstream=openssl%401.1.1n-0%2Bdeb11u4&distro=debian-11\"}");
        Package p = in.packages().get(0);
        assertEquals("1.1.1n-0+deb11u3", p.version());
        assertEquals("openssl", p.sourceName());
        assertEquals("1.1.1n-0+deb11u4", p.sourceVersion());
        assertNull(p.group());
        assertEquals("debian", in.os().id());
        assertEquals("11", in.os().versionId());
    }

    @Test
    void rpmEpochQualifierAndSourceRpm() throws Exception {
        CycloneDxInput in = bom("{\"type\":\"operating-system\",\"name\":\"almalinux\",\"version\":\"9.0\"},"
                + "{\"name\":\"openssl-libs\",\"purl\":\"pkg:rpm/almalinux/openssl-libs@3.0.1-41.el9_0?arch=x86_64&epoch=1"
                + "&upstream=openssl-3.0.1-41.el9_0.src.rpm&distro=almalinux-9.0\"}");
        Package p = in.packages().get(0);
        assertEquals("1:3.0.1-41.el9_0", p.version());
        assertEquals("openssl", p.sourceName());
        assertEquals("almalinux", in.os().id());
    }

    @Test
    void trivyPropertiesNameTheSource() throws Exception {
        CycloneDxInput in =
                bom("{\"name\":\"libcrypto3\",\"purl\":\"pkg:apk/alpine/libcrypto3@3.1.4-r5?distro=3.19.1\","
                        + "\"properties\":[{\"name\":\"aquasecurity:trivy:SrcName\",\"value\":\"openssl\"},"
                        + "{\"name\":\"aquasecurity:trivy:SrcVersion\",\"value\":\"3.1.4-r5\"}]}");
        assertEquals("openssl", in.packages().get(0).sourceName());
        assertEquals("3.1.4-r5", in.packages().get(0).sourceVersion());
    }

    @Test
    void gateOwnPropertiesGiveSourceAndPaths() throws Exception {
        CycloneDxInput in = bom("{\"name\":\"libssl3\",\"purl\":\"pkg:deb/debian/libssl3@3.0.11-1~deb12u2\","
                + "\"properties\":[{\"name\":\"gate:package:source-name\",\"value\":\"openssl\"},"
                + "{\"name\":\"gate:package:source-version\",\"value\":\"3.0.11-1~deb12u2\"},"
                + "{\"name\":\"gate:location:path\",\"value\":\"/var/lib/dpkg/status\"}]}");
        Package p = in.packages().get(0);
        assertEquals("openssl", p.sourceName());
        assertEquals("3.0.11-1~deb12u2", p.sourceVersion());
        assertEquals(java.util.List.of("/var/lib/dpkg/status"), p.paths());
    }

    @Test
    void mavenAndScopedNpmNames() throws Exception {
        CycloneDxInput in = bom(
                "{\"bom-ref\":\"x\",\"name\":\"log4j-core\",\"purl\":\"pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1?type=jar\"},"
                        + "{\"name\":\"core\",\"purl\":\"pkg:npm/%40babel/core@7.0.0\"}");
        assertEquals("org.apache.logging.log4j", in.packages().get(0).group());
        assertEquals("x", in.bomRefs().get(in.packages().get(0)));
        assertEquals("@babel", in.packages().get(1).group());
    }

    @Test
    void rejectsWhatIsNotCycloneDx() throws Exception {
        Path spdx = tmp.resolve("spdx.json");
        Files.writeString(spdx, "{\"spdxVersion\":\"SPDX-2.3\"}");
        GateException e = assertThrows(GateException.class, () -> CycloneDxInput.read(spdx));
        assertEquals(GateException.Kind.INPUT, e.kind());
        Path xml = tmp.resolve("bom.xml");
        Files.writeString(xml, "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.5\"/>");
        assertTrue(assertThrows(GateException.class, () -> CycloneDxInput.read(xml))
                .getMessage()
                .contains("not JSON"));
        GateException badPurl =
                assertThrows(GateException.class, () -> bom("{\"name\":\"x\",\"purl\":\"pkg:nothing\"}"));
        assertTrue(badPurl.getMessage().contains("malformed purl"), badPurl.getMessage());
        GateException unknown =
                assertThrows(GateException.class, () -> bom("{\"name\":\"x\",\"purl\":\"pkg:bogus/x@1\"}"));
        assertTrue(unknown.getMessage().contains("unknown ecosystem (purl type 'bogus')"), unknown.getMessage());
        assertEquals(
                "gem",
                bom("{\"name\":\"rails\",\"purl\":\"pkg:gem/rails@7.0.0\"}")
                        .packages()
                        .get(0)
                        .ecosystem());
    }

    /** The SBOM written back (CycloneDX output) is the tree Jackson itself reads from the file. */
    @Test
    void bomIsTheDocumentAsJacksonReadsIt() throws Exception {
        Path file = tmp.resolve("types.cdx.json");
        Files.writeString(
                file,
                "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\",\"version\":1,\"serial\":12345678901,"
                        + "\"ratio\":0.25,\"big\":123456789012345678901234567890,\"flag\":true,\"none\":null,"
                        + "\"components\":[{\"type\":\"library\",\"name\":\"x\",\"purl\":\"pkg:pypi/x@1.0\",\"tags\":[\"a\",2]}]}");
        assertEquals(
                new ObjectMapper().readTree(file.toFile()),
                CycloneDxInput.read(file).bom());
    }
}
