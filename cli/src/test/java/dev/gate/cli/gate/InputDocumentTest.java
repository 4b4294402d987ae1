package dev.gate.cli.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.gate.image.registry.RegistryOptions;
import dev.gate.image.store.VerifiedStore;
import dev.gate.image.transport.ImageSource;
import dev.gate.image.transport.Transports;
import dev.gate.pipeline.GatePipeline;
import dev.gate.pipeline.PipelineSettings;
import dev.gate.pipeline.analysis.StepTimes;
import dev.gate.pipeline.input.ImageName;
import dev.gate.pipeline.publish.Destination;
import dev.gate.pipeline.publish.SigningMethod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The input document the pipeline builds, checked against docs/policy-input.schema.json. */
public class InputDocumentTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static PipelineSettings settings(String source, String destination, Path db) {
        return new PipelineSettings(
                source,
                destination,
                null,
                List.of(),
                List.of(),
                List.of(),
                Map.of("high_fix_max_days", "14"),
                null,
                SigningMethod.none(),
                db,
                db == null,
                false,
                false,
                RegistryOptions.defaults());
    }

    private static JsonNode gather(PipelineSettings settings, Map<String, String> env) {
        GatePipeline pipeline = new GatePipeline(settings, env::get);
        Destination destination = Destination.parse(settings.destination(), settings.registries());
        try (ImageSource source = Transports.source(settings.source())) {
            return pipeline.gather(source, VerifiedStore.open(), destination.name(), new StepTimes())
                    .input();
        }
    }

    static Set<ValidationMessage> validate(JsonNode document) throws IOException {
        assertDeclared(
                document,
                JSON.readTree(GateFixtures.root()
                        .resolve("docs/policy-input.schema.json")
                        .toFile()),
                "input");
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(GateFixtures.root().resolve("docs/policy-input.schema.json")));
        return schema.validate(document);
    }

    /** Every field the builder writes is documented: objects with declared properties hold no others. */
    public static void assertDeclared(JsonNode value, JsonNode schema, String path) {
        if (value.isObject() && schema.has("properties")) {
            value.fieldNames().forEachRemaining(field -> {
                assertTrue(
                        schema.get("properties").has(field),
                        path + "." + field + " is not in docs/policy-input.schema.json");
                assertDeclared(value.get(field), schema.get("properties").get(field), path + "." + field);
            });
        } else if (value.isArray() && schema.has("items")) {
            value.forEach(item -> assertDeclared(item, schema.get("items"), path + "[]"));
        }
    }

    @Test
    void sampleImageDocumentMatchesTheSchemaAndTheImage() throws IOException {
        JsonNode doc = gather(
                settings(
                        "oci:" + GateFixtures.root().resolve("testdata/sample") + ":1.0.0",
                        "registry.example.com/payments/api:v1.2.3",
                        null),
                Map.of("GITHUB_ACTIONS", "true", "GITHUB_SHA", "abc123"));
        assertEquals(Set.of(), validate(doc), doc.toPrettyString());
        JsonNode image = doc.get("image");
        assertEquals(
                "registry.example.com/payments/api:v1.2.3", image.get("ref").asText());
        assertEquals("registry.example.com", image.get("registry").asText());
        assertEquals("payments/api", image.get("repository").asText());
        assertEquals("payments", image.get("namespace").asText());
        assertEquals("api", image.get("name").asText());
        assertEquals("v1.2.3", image.get("tag").asText());
        assertEquals(
                "sha256:799fb5134de02aaa15cf6285f044fb8d90b86815d0cec9bd4217f21ae486a440",
                image.get("digest").asText());
        assertEquals("[\"linux/amd64\"]", image.get("platforms").toString());
        assertEquals("10001", image.at("/config/user").asText());
        assertEquals(
                "https://example.com/gate/sample",
                image.at("/config/labels/org.opencontainers.image.source").asText());
        assertEquals(1, image.get("layers").size());
        assertEquals("debian", doc.at("/sbom/os/id").asText());
        assertEquals(3, doc.at("/sbom/components").size());
        JsonNode baseFiles = doc.at("/sbom/components/0");
        assertEquals("base-files", baseFiles.get("name").asText());
        assertEquals("deb", baseFiles.get("ecosystem").asText());
        assertEquals("[\"GPL-2.0-or-later\"]", baseFiles.get("licenses").toString());
        assertEquals(
                image.at("/layers/0/digest").asText(), baseFiles.get("layer").asText());
        assertTrue(doc.at("/scan/skipped").asBoolean());
        assertEquals(0, doc.get("vulnerabilities").size());
        assertEquals("none", doc.at("/signing/method").asText());
        assertEquals("14", doc.at("/context/params/high_fix_max_days").asText());
        assertEquals("github-actions", doc.at("/context/ci/provider").asText());
        assertEquals("abc123", doc.at("/context/ci/sha").asText());
        assertTrue(doc.at("/context/time").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));
    }

    @Test
    void vulnerablePackageAppearsWithFixAndSeverity(@TempDir Path dir) throws IOException {
        Path db = GateFixtures.osvDatabase(dir);
        Path layout = dir.resolve("vulnerable");
        TestImages.write(layout, "2.0.0", TestImages.Spec.compliant().withVulnerableNpmPackage());
        JsonNode doc =
                gather(settings("oci:" + layout + ":2.0.0", "registry.example.com/team/app:2.0.0", db), Map.of());
        assertEquals(Set.of(), validate(doc), doc.toPrettyString());
        JsonNode vulnerability = doc.at("/vulnerabilities/0");
        assertEquals("GHSA-xvch-5gv4-984h", vulnerability.get("id").asText());
        assertEquals("CRITICAL", vulnerability.get("severity").asText());
        assertTrue(vulnerability.get("fixAvailable").asBoolean());
        assertEquals("[\"1.2.6\"]", vulnerability.get("fixedVersions").toString());
        assertEquals("minimist", vulnerability.at("/package/name").asText());
        assertEquals(1, doc.at("/scan/summary/critical").asInt());
        assertFalse(doc.at("/scan/skipped").asBoolean());
        assertTrue(doc.at("/scan/database/advisories").asInt() > 0);
        assertEquals("", doc.at("/context/ci/provider").asText(""));
    }

    @Test
    void aWaiverMarksTheFindingItCoversAndIsListed(@TempDir Path dir) throws IOException {
        Path db = GateFixtures.osvDatabase(dir);
        Path layout = dir.resolve("vulnerable");
        TestImages.write(layout, "2.0.0", TestImages.Spec.compliant().withVulnerableNpmPackage());
        Path waivers = Files.writeString(dir.resolve("waivers.yaml"), """
                waivers:
                  - id: GHSA-xvch-5gv4-984h
                    purl: pkg:npm/minimist@*
                    reason: only used by the build
                    approver: sec@example.com
                    expires: 2999-12-31
                  - id: CVE-1999-0001
                    reason: old
                    approver: sec@example.com
                    expires: 2000-01-01
                """);
        PipelineSettings settings = dev.gate.pipeline.Gate.push(
                        "oci:" + layout + ":2.0.0", "registry.example.com/team/app:2.0.0")
                .database(db)
                .param("high_fix_max_days", "14")
                .waivers(waivers)
                .settings();
        JsonNode doc = gather(settings, Map.of());
        assertEquals(Set.of(), validate(doc), doc.toPrettyString());
        assertEquals(
                "only used by the build",
                doc.at("/vulnerabilities/0/waiver/reason").asText(),
                doc.toPrettyString());
        assertEquals(1, doc.at("/waivers/applied/0/findings").asInt());
        assertEquals("CVE-1999-0001", doc.at("/waivers/expired/0/id").asText());
    }

    @Test
    void multiPlatformIndexListsEveryPlatform(@TempDir Path dir) throws IOException {
        Path layout = dir.resolve("multi");
        TestImages.writeIndex(
                layout,
                "3.0.0",
                List.of(TestImages.Spec.compliant(), TestImages.Spec.compliant().withArchitecture("arm64")));
        JsonNode doc =
                gather(settings("oci:" + layout + ":3.0.0", "oci:" + dir.resolve("out") + ":3.0.0", null), Map.of());
        assertEquals(Set.of(), validate(doc), doc.toPrettyString());
        assertEquals(
                "[\"linux/amd64\",\"linux/arm64\"]", doc.at("/image/platforms").toString());
        assertEquals(
                "application/vnd.oci.image.index.v1+json",
                doc.at("/image/mediaType").asText());
        assertEquals(ImageName.LAYOUT_REGISTRY, doc.at("/image/registry").asText());
        assertEquals("out", doc.at("/image/repository").asText());
        assertEquals(2, doc.at("/image/layers").size());
    }

    @Test
    void theSameImageGivesTheSameSbomBytes() {
        PipelineSettings settings = settings(
                "oci:" + GateFixtures.root().resolve("testdata/sample") + ":1.0.0",
                "registry.example.com/payments/api:v1.2.3",
                null);
        List<String> sboms = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            try (ImageSource source = Transports.source(settings.source())) {
                sboms.add(new GatePipeline(settings, name -> null)
                        .gather(
                                source,
                                VerifiedStore.open(),
                                Destination.parse(settings.destination(), settings.registries())
                                        .name(),
                                new StepTimes())
                        .facts()
                        .get(0)
                        .sbomJson());
            }
        }
        assertEquals(sboms.get(0), sboms.get(1));
        assertTrue(sboms.get(0).contains("\"serialNumber\" : \"urn:uuid:"), sboms.get(0));
        assertFalse(sboms.get(0).contains("\"timestamp\""), sboms.get(0));
    }

    @Test
    void schemaRejectsADocumentWithoutTheImage() throws IOException {
        JsonNode broken =
                JSON.readTree("{\"sbom\":{},\"vulnerabilities\":[],\"scan\":{},\"signing\":{},\"context\":{}}");
        assertFalse(validate(broken).isEmpty());
    }
}
