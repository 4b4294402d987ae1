package dev.gate.cli.gate;

import static dev.gate.cli.InProcessGate.onlyKeyPassword;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.cli.Environment;
import dev.gate.cli.InProcessGate;
import dev.gate.cli.InProcessGate.Run;
import dev.gate.image.testing.LoopbackServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A source registry that answers differently on each read (a proxy in front of the real Distribution registry that
 * rewrites blob bodies): what the gate evaluates must be exactly what it publishes, or nothing is published.
 */
class LyingRegistryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POLICY = """
            package gate.banned
            import rego.v1
            deny contains msg if {
              some c in input.sbom.components
              c.name == "banned-tool"
              msg := "banned-tool is not allowed"
            }
            """;

    private Environment environment = Environment.system();

    @TempDir
    Path dir;

    String registry;
    String repository;
    Path key;
    Path policy;

    @BeforeEach
    void setUp() throws Exception {
        registry = LoopbackServices.require("GATE_REGISTRY_PLAIN");
        repository = "gate-test/lying-" + UUID.randomUUID().toString().substring(0, 8);
        environment = environment.withVariables(onlyKeyPassword("pw"));
        key = GateFixtures.keyPair(dir);
        policy = Files.writeString(dir.resolve("banned.rego"), POLICY);
    }

    @Test
    void aDecoyLayerOnTheFirstReadIsRefusedAndNothingIsPublished() throws Exception {
        Path real = layout("real", withBannedTool());
        byte[] realLayer = layer(real);
        byte[] decoy = Arrays.copyOf(layer(layout("decoy", TestImages.Spec.compliant())), realLayer.length);
        assertTrue(
                realLayer.length > layer(layout("decoy2", TestImages.Spec.compliant())).length,
                "the decoy fits in the real layer's size");
        String source = stored(real);
        String layerPath = "/v2/" + repository + "/blobs/sha256:" + TestImages.sha256(realLayer);
        try (FaultyProxy proxy = new FaultyProxy(registry)) {
            AtomicBoolean first = new AtomicBoolean(true);
            proxy.serveInstead((path, body) -> path.equals(layerPath) && first.getAndSet(false) ? decoy : body);
            Run run = push(proxy.hostPort() + "/" + source, registry + "/" + repository + "-out:1.0.0");
            assertEquals(2, run.code(), run.toString());
            assertTrue(
                    run.err()
                            .contains("the source changed or is corrupt: layer sha256:" + TestImages.sha256(realLayer)),
                    run.err());
        }
        assertEquals(List.of(), RegistryChecks.tags(registry, repository + "-out"), "nothing is published");
    }

    @Test
    void aSourceIsReadOnceAndWhatWasCatalogedIsWhatIsPushed() throws Exception {
        Path image = layout("fine", TestImages.Spec.compliant());
        byte[] realLayer = layer(image);
        String source = stored(image);
        String layerPath = "/v2/" + repository + "/blobs/sha256:" + TestImages.sha256(realLayer);
        try (FaultyProxy proxy = new FaultyProxy(registry)) {
            AtomicBoolean first = new AtomicBoolean(true);
            byte[] later = Arrays.copyOf(layer(layout("banned", withBannedTool())), realLayer.length);
            proxy.serveInstead((path, body) -> path.equals(layerPath) && !first.getAndSet(false) ? later : body);
            Run run = push(proxy.hostPort() + "/" + source, registry + "/" + repository + "-out:1.0.0");
            assertEquals(0, run.code(), run.toString());
            assertEquals(
                    1,
                    proxy.gets.get(layerPath).get(),
                    "the layer is fetched once, then cataloged and pushed from the store");
        }
        assertArrayEquals(
                realLayer,
                RegistryChecks.blob(registry, repository + "-out", "sha256:" + TestImages.sha256(realLayer)));
    }

    private Run push(String source, String destination) {
        return gate("push", "--policy", policy.toString(), "--no-scan", "--key", key.toString(), source, destination);
    }

    private static TestImages.Spec withBannedTool() {
        // Random text compresses badly, so this layer is larger than the decoy made without it.
        byte[] noise = new byte[2048];
        new Random(7).nextBytes(noise);
        return TestImages.Spec.compliant()
                .withFile(
                        "var/lib/dpkg/status",
                        "Package: banned-tool\nStatus: install ok installed\nArchitecture: amd64\n"
                                + "Version: 1.0\n\n")
                .withFile("usr/share/doc/banned-tool/notes", HexFormat.of().formatHex(noise));
    }

    private Path layout(String name, TestImages.Spec spec) throws Exception {
        Path layout = dir.resolve(name);
        TestImages.write(layout, "1.0.0", spec);
        return layout;
    }

    /** The image's only layer, as stored in the layout. */
    private static byte[] layer(Path layout) throws Exception {
        JsonNode index = JSON.readTree(layout.resolve("index.json").toFile());
        JsonNode manifest = JSON.readTree(
                blobPath(layout, index.at("/manifests/0/digest").asText()).toFile());
        return Files.readAllBytes(
                blobPath(layout, manifest.at("/layers/0/digest").asText()));
    }

    private static Path blobPath(Path layout, String digest) {
        return layout.resolve("blobs/sha256/" + digest.substring("sha256:".length()));
    }

    /** Copies the layout to the real registry; returns the repository and tag it is stored under. */
    private String stored(Path layout) {
        Run copy = gate("copy", "oci:" + layout + ":1.0.0", registry + "/" + repository + ":src");
        assertEquals(0, copy.code(), copy.toString());
        return repository + ":src";
    }

    private Run gate(String... args) {
        return InProcessGate.gate(environment, args);
    }
}
