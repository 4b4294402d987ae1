package dev.gate.image.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.errors.GateException;
import dev.gate.image.Artifact;
import dev.gate.image.Digest;
import dev.gate.image.MediaTypes;
import dev.gate.image.Reference;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A registry's Content-Type is a claim about a manifest, checked against the document it came with. */
class ManifestTypeRegistryTest {

    static final RegistryOptions OPTIONS = new RegistryOptions(Set.of(), 1, CredentialStore.none());
    static final String DIGEST = "sha256:" + "a".repeat(64);
    static final String MANIFEST = "{\"schemaVersion\": 2, \"mediaType\": \"" + MediaTypes.OCI_MANIFEST + "\", "
            + "\"config\": {\"mediaType\": \"" + MediaTypes.OCI_CONFIG + "\", \"digest\": \"" + DIGEST
            + "\", \"size\": 2}, \"layers\": []}";

    private FakeRegistry registry;

    @BeforeEach
    void start() throws Exception {
        registry = new FakeRegistry();
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    private void serve(String tag, String document, String contentType) {
        registry.manifests.put("/v2/team/app/manifests/" + tag, document.getBytes(StandardCharsets.UTF_8));
        registry.manifestTypes.put("/v2/team/app/manifests/" + tag, contentType);
    }

    private Artifact resolve(String tag) {
        return RegistrySource.open(Reference.parse(registry.host() + "/team/app:" + tag), OPTIONS)
                .resolve();
    }

    @Test
    void aManifestServedAsAnIndexIsRefused() {
        serve("1", MANIFEST, MediaTypes.OCI_INDEX);
        GateException error = assertThrows(GateException.class, () -> resolve("1"));
        assertEquals(GateException.Kind.INPUT, error.kind());
        assertTrue(error.getMessage().contains("disagrees with the Content-Type"), error.getMessage());
    }

    @Test
    void eachSaysWhatTheOtherLeavesOut() {
        serve(
                "1",
                MANIFEST.replace("\"mediaType\": \"" + MediaTypes.OCI_MANIFEST + "\", ", ""),
                "application/vnd.oci.image.manifest.v1+json");
        assertEquals(MediaTypes.OCI_MANIFEST, resolve("1").descriptor().mediaType());
        String index = "{\"schemaVersion\": 2, \"mediaType\": \"" + MediaTypes.OCI_INDEX + "\", \"manifests\": []}";
        serve("2", index, "");
        assertEquals(MediaTypes.OCI_INDEX, resolve("2").descriptor().mediaType());
    }

    @Test
    void anIndexEntryMustBeWhatTheIndexSaysItIs() {
        byte[] child = MANIFEST.getBytes(StandardCharsets.UTF_8);
        Digest childDigest = Digest.sha256(child);
        registry.manifests.put("/v2/team/app/manifests/" + childDigest, child);
        registry.manifestTypes.put("/v2/team/app/manifests/" + childDigest, MediaTypes.OCI_MANIFEST);
        serve(
                "1",
                "{\"schemaVersion\": 2, \"mediaType\": \"" + MediaTypes.OCI_INDEX
                        + "\", \"manifests\": [{\"mediaType\": \"" + MediaTypes.DOCKER_MANIFEST + "\", \"digest\": \""
                        + childDigest + "\", \"size\": " + child.length + "}]}",
                MediaTypes.OCI_INDEX);
        Artifact artifact = resolve("1");
        GateException error = assertThrows(
                GateException.class, () -> ((Artifact.Multi) artifact).index().image(childDigest));
        assertEquals(GateException.Kind.INPUT, error.kind());
        assertTrue(
                error.getMessage().contains("lists " + childDigest + " as '" + MediaTypes.DOCKER_MANIFEST + "'"),
                error.getMessage());
    }
}
