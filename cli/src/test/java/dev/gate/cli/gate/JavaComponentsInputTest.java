package dev.gate.cli.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.pipeline.input.SbomSection;
import dev.gate.sbom.Package;
import dev.gate.sbom.Sbom;
import dev.gate.sbom.Unknown;
import dev.gate.sbom.format.CycloneDxWriter;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How a Java archive was identified, and its checksums, reach the policy input, so a policy can refuse an
 * inferred identification or an archive gate could not name.
 */
class JavaComponentsInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void identificationEvidenceAndUnnamedArchivesReachThePolicyInput() throws IOException {
        Package named = new Package(
                "maven",
                "org.springframework",
                "spring-core",
                "6.1.14",
                "pkg:maven/org.springframework/spring-core@6.1.14",
                null,
                null,
                List.of(),
                "sha256:" + "a".repeat(64),
                List.of("/app/app.jar:BOOT-INF/lib/spring-core-6.1.14.jar"),
                Map.of("SHA-1", "1".repeat(40), "SHA-256", "2".repeat(64)),
                Map.of("gate:java:identified-by", "package-prefix"));
        Package unnamed = new Package(
                "maven",
                null,
                "spring-beans",
                "6.1.14",
                null,
                null,
                null,
                List.of(),
                "sha256:" + "a".repeat(64),
                List.of("/app/libs/spring-beans-6.1.14.jar"),
                Map.of("SHA-1", "3".repeat(40)),
                Map.of());
        Sbom sbom = new Sbom(
                "app",
                "sha256:" + "0".repeat(64),
                null,
                List.of(named, unnamed),
                Map.of(),
                List.of(new Unknown("/app/libs/spring-beans-6.1.14.jar", null, "Maven group unknown")));
        JsonNode bom = JSON.readTree(new CycloneDxWriter().write(sbom));
        ObjectNode section = SbomSection.of(List.of(bom));

        JsonNode component = section.at("/components/0");
        assertEquals("package-prefix", component.get("identifiedBy").asText());
        assertEquals("1".repeat(40), component.at("/hashes/sha1").asText());
        assertEquals("2".repeat(64), component.at("/hashes/sha256").asText());
        assertEquals(1, section.get("components").size(), "an archive without a purl is not a component");
        JsonNode archive = section.at("/unidentified/0");
        assertEquals("spring-beans", archive.get("name").asText());
        assertEquals(
                "[\"/app/libs/spring-beans-6.1.14.jar\"]", archive.get("paths").toString());
        assertEquals("3".repeat(40), archive.at("/hashes/sha1").asText());

        JsonNode schema = JSON.readTree(
                GateFixtures.root().resolve("docs/policy-input.schema.json").toFile());
        InputDocumentTest.assertDeclared(section, schema.at("/properties/sbom"), "input.sbom");
        assertFalse(schema.at("/properties/sbom/properties/components/items/properties/identifiedBy/enum")
                .isMissingNode());
    }
}
