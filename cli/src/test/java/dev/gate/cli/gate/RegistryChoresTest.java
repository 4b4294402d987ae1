package dev.gate.cli.gate;

import static dev.gate.cli.InProcessGate.onlyKeyPassword;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.cli.Environment;
import dev.gate.cli.HostileText;
import dev.gate.cli.InProcessGate;
import dev.gate.cli.InProcessGate.Run;
import dev.gate.cli.push.Crane;
import dev.gate.image.Descriptor;
import dev.gate.image.Digest;
import dev.gate.image.MediaTypes;
import dev.gate.image.Reference;
import dev.gate.image.registry.CredentialStore;
import dev.gate.image.registry.RegistryClient;
import dev.gate.image.registry.RegistryOptions;
import dev.gate.image.testing.LoopbackServices;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gate tags, digest and inspect on the real registries, judged by crane. */
class RegistryChoresTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Environment environment = Environment.system();

    @TempDir
    Path dir;

    String host;
    String sample;

    @BeforeEach
    void setUp() {
        environment = environment.withVariables(onlyKeyPassword("pw"));
        host = LoopbackServices.require("GATE_REGISTRY_PLAIN");
        sample = "oci:" + GateFixtures.root().resolve("testdata/sample") + ":1.0.0";
    }

    private static List<String> lines(String text) {
        return Arrays.stream(text.split("\n"))
                .filter(line -> !line.isBlank())
                .sorted()
                .toList();
    }

    @Test
    void tagsAndDigestAgreeWithCrane() throws Exception {
        String repository = host + "/chores-tags-" + UUID.randomUUID();
        for (String tag : List.of("1.0.0", "1.0", "latest")) {
            assertEquals(0, gate("push", "-q", sample, repository + ":" + tag).code());
        }
        Run tags = gate("tags", repository);
        assertEquals(0, tags.code(), tags.toString());
        assertEquals(lines(Crane.run("ls", repository)), lines(tags.out()));
        JsonNode json = JSON.readTree(
                gate("tags", "--output", "json", "docker://" + repository).out());
        assertEquals(3, json.path("tags").size());

        Run digest = gate("digest", repository + ":1.0");
        assertEquals(0, digest.code(), digest.toString());
        assertEquals(
                Crane.run("digest", repository + ":1.0").strip(), digest.out().strip());
    }

    @Test
    void inspectShowsAnIndexWithItsPlatformsAndDigestAgreesWithCrane() throws Exception {
        Path layout = dir.resolve("index");
        TestImages.writeIndex(
                layout,
                "2.0.0",
                List.of(TestImages.Spec.compliant(), TestImages.Spec.compliant().withArchitecture("arm64")));
        String ref = host + "/chores-inspect-index-" + UUID.randomUUID() + ":2.0.0";
        assertEquals(0, gate("push", "-q", "oci:" + layout + ":2.0.0", ref).code());

        assertEquals(Crane.run("digest", ref).strip(), gate("digest", ref).out().strip());
        Run inspect = gate("inspect", "--output", "json", ref);
        assertEquals(0, inspect.code(), inspect.toString());
        JsonNode shown = JSON.readTree(inspect.out());
        assertEquals(JSON.readTree(Crane.run("manifest", ref)), shown.path("manifest"));
        List<String> platforms = new ArrayList<>();
        shown.path("platforms")
                .forEach(p -> platforms.add(p.at("/platform/os").asText() + "/"
                        + p.at("/platform/architecture").asText()));
        assertEquals(List.of("linux/amd64", "linux/arm64"), platforms);
        Run text = gate("inspect", ref);
        assertTrue(text.out().contains("linux/arm64  sha256:"), text.out());
    }

    @Test
    void inspectListsTheSignatureAndTheSbomAttestationOfAGatedImage() throws Exception {
        GateFixtures.keyPair(dir);
        String ref = host + "/chores-inspect-signed-" + UUID.randomUUID() + ":1.0.0";
        Run push = gate(
                "push", "-q", "--sbom-only", "--key", dir.resolve("gate.key").toString(), sample, ref);
        assertEquals(0, push.code(), push.toString());

        JsonNode shown = JSON.readTree(gate("inspect", "--output", "json", ref).out());
        assertEquals(Crane.run("digest", ref).strip(), shown.path("digest").asText());
        assertEquals(JSON.readTree(Crane.run("config", ref)), shown.path("config"));
        assertEquals(1, shown.path("signatures").size(), shown.toPrettyString());
        assertEquals(
                "https://cyclonedx.org/bom",
                shown.at("/attestations/0/annotations/predicateType").asText(),
                shown.toPrettyString());
        assertEquals(
                "application/vnd.cyclonedx+json",
                shown.at("/referrers/0/artifactType").asText(),
                shown.toPrettyString());
        Run text = gate("inspect", ref);
        assertTrue(text.out().contains("Config:       linux/amd64"), text.out());
        assertTrue(text.out().contains("https://cyclonedx.org/bom"), text.out());
    }

    @Test
    void aHostilePredicateTypeIsShownEscaped() throws Exception {
        String ref = host + "/chores-inspect-hostile-" + UUID.randomUUID() + ":1.0.0";
        assertEquals(0, gate("push", "-q", sample, ref).code());
        Reference reference = Reference.parse(ref);
        RegistryClient client =
                RegistryClient.open(reference, RegistryOptions.defaults().withCredentials(CredentialStore.none()));
        Digest subject = Digest.parse(gate("digest", ref).out().strip());
        byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
        byte[] envelope = "{\"payloadType\":\"x\",\"payload\":\"\",\"signatures\":[]}".getBytes(StandardCharsets.UTF_8);
        client.uploadBlob(
                Descriptor.of("application/vnd.oci.image.config.v1+json", Digest.sha256(config), config.length),
                () -> new ByteArrayInputStream(config));
        client.uploadBlob(
                Descriptor.of("application/vnd.dsse.envelope.v1+json", Digest.sha256(envelope), envelope.length),
                () -> new ByteArrayInputStream(envelope));
        ObjectNode manifest = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", MediaTypes.OCI_MANIFEST);
        manifest.putObject("config")
                .put("mediaType", "application/vnd.oci.image.config.v1+json")
                .put("digest", Digest.sha256(config).toString())
                .put("size", config.length);
        manifest.putArray("layers")
                .addObject()
                .put("mediaType", "application/vnd.dsse.envelope.v1+json")
                .put("digest", Digest.sha256(envelope).toString())
                .put("size", envelope.length)
                .putObject("annotations")
                .put("predicateType", HostileText.NAME);
        byte[] raw = JSON.writeValueAsBytes(manifest);
        client.putManifest(
                subject.algorithm() + "-" + subject.hex() + ".att",
                Descriptor.of(MediaTypes.OCI_MANIFEST, Digest.sha256(raw), raw.length),
                raw);

        Run text = gate("inspect", ref);
        assertEquals(0, text.code(), text.toString());
        HostileText.assertInert(text.out());
    }

    @Test
    void theTlsRegistryIsListedWithTheCredentialsOfAnAuthfile() throws Exception {
        String tls = LoopbackServices.require("GATE_REGISTRY_TLS");
        String ca = LoopbackServices.require("GATE_REGISTRY_CA");
        Path auth = dir.resolve("auth.json");
        String pair = Base64.getEncoder()
                .encodeToString((LoopbackServices.require("GATE_REGISTRY_USER") + ":"
                                + LoopbackServices.require("GATE_REGISTRY_PASSWORD"))
                        .getBytes());
        Files.writeString(auth, "{\"auths\":{\"" + tls + "\":{\"auth\":\"" + pair + "\"}}}");
        String repository = tls + "/chores-tls-" + UUID.randomUUID();
        assertEquals(
                0,
                gate("push", "-q", "--registry-ca", ca, "--authfile", auth.toString(), sample, repository + ":7")
                        .code());
        Run tags = gate("tags", "--registry-ca", ca, "--authfile", auth.toString(), repository);
        assertEquals(0, tags.code(), tags.toString());
        assertEquals("7", tags.out().strip());
        Path none = Files.writeString(dir.resolve("none.json"), "{}");
        Run anonymous = gate("tags", "--registry-ca", ca, "--authfile", none.toString(), repository);
        assertEquals(3, anonymous.code(), anonymous.toString());
        assertTrue(anonymous.err().contains("requires a login"), anonymous.err());
    }

    @Test
    void missingThingsAreOneLineUsageErrors() {
        String repository = host + "/chores-missing-" + UUID.randomUUID();
        for (Run run : List.of(
                gate("digest", repository + ":nope"),
                gate("inspect", repository + ":nope"),
                gate("tags", repository),
                gate("tags", repository + ":1.0.0"))) {
            assertEquals(2, run.code(), run.toString());
            assertEquals(1, run.err().lines().count(), run.err());
        }
    }

    private Run gate(String... args) {
        return InProcessGate.gate(environment, args);
    }
}
