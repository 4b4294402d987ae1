package dev.gate.image.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.errors.GateException;
import dev.gate.image.Descriptor;
import dev.gate.image.Digest;
import dev.gate.image.MediaTypes;
import dev.gate.image.Reference;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A registry that briefly misses a blob a manifest names, as Distribution does while another client links the same blob
 * into the repository: the manifest is sent again after a pause, and a blob that stays missing still fails clearly.
 */
class ManifestBlobSettlingTest {

    private static final byte[] BLOB_UNKNOWN =
            "{\"errors\":[{\"code\":\"MANIFEST_BLOB_UNKNOWN\",\"message\":\"blob unknown to registry\"}]}"
                    .getBytes(StandardCharsets.UTF_8);
    private static final byte[] MANIFEST =
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"}"
                    .getBytes(StandardCharsets.UTF_8);
    private static final Descriptor DESCRIPTOR =
            Descriptor.of(MediaTypes.OCI_MANIFEST, Digest.sha256(MANIFEST), MANIFEST.length);

    private FakeRegistry registry;
    private RegistryClient client;

    @BeforeEach
    void start() throws Exception {
        registry = new FakeRegistry();
        client = RegistryClient.open(Reference.parse(registry.host() + "/team/app:1.0.0"), RegistryOptions.defaults());
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    private void blobUnknownOnManifestPuts(int times) {
        registry.fault(
                e -> e.getRequestMethod().equals("PUT")
                        && e.getRequestURI().getPath().contains("/manifests/"),
                400,
                Map.of("Content-Type", "application/json"),
                BLOB_UNKNOWN,
                times);
    }

    private long manifestPuts() {
        return registry.requests.stream()
                .filter(r -> r.startsWith("PUT") && r.contains("/manifests/"))
                .count();
    }

    @Test
    void aBlobTheRegistryMissesForAMomentIsFoundOnTheNextTry() {
        blobUnknownOnManifestPuts(2);
        client.putManifest("1.0.0", DESCRIPTOR, MANIFEST);
        assertEquals(3, manifestPuts());
        assertTrue(registry.manifests.values().stream().anyMatch(m -> java.util.Arrays.equals(m, MANIFEST)));
    }

    @Test
    void aConditionalWriteIsSentAgainToo() {
        blobUnknownOnManifestPuts(1);
        client.putManifestIf("1.0.0", DESCRIPTOR, MANIFEST, java.util.Optional.empty());
        assertEquals(2, manifestPuts());
    }

    @Test
    void aBlobThatStaysMissingFailsNamingWhatIsMissing() {
        blobUnknownOnManifestPuts(100);
        GateException e = assertThrows(GateException.class, () -> client.putManifest("1.0.0", DESCRIPTOR, MANIFEST));
        assertTrue(e.getMessage().contains("a blob the manifest names is not in the repository"), e.getMessage());
        assertTrue(e.getMessage().contains("MANIFEST_BLOB_UNKNOWN"), e.getMessage());
        assertEquals(5, manifestPuts());
    }
}
