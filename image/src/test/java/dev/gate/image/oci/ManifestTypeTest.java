package dev.gate.image.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.errors.GateException;
import dev.gate.image.Descriptor;
import dev.gate.image.Digest;
import dev.gate.image.MediaTypes;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** One document must mean one thing: never both an image and an index, never another type than its carrier said. */
class ManifestTypeTest {

    static final String DIGEST = "sha256:" + "a".repeat(64);
    static final String CONFIG = "\"config\": {\"mediaType\": \"" + MediaTypes.OCI_CONFIG + "\", \"digest\": \""
            + DIGEST + "\", \"size\": 2}";
    static final String LAYERS = "\"layers\": [{\"mediaType\": \"" + MediaTypes.OCI_LAYER_GZIP + "\", \"digest\": \""
            + DIGEST + "\", \"size\": 2}]";
    static final String MANIFESTS = "\"manifests\": [{\"mediaType\": \"" + MediaTypes.OCI_MANIFEST
            + "\", \"digest\": \"" + DIGEST + "\", \"size\": 2}]";

    /** Valid as an image to a reader that looks at config and layers, valid as an index to one that looks at manifests. */
    static final byte[] BOTH = bytes("{\"schemaVersion\": 2, " + CONFIG + ", " + LAYERS + ", " + MANIFESTS + "}");

    @Test
    void aDocumentThatIsBothAManifestAndAnIndexIsRefusedByEitherReading() {
        assertInput("both a manifest and an index", () -> OciManifest.parse(BOTH, "m"));
        assertInput("both a manifest and an index", () -> OciIndex.parse(BOTH, "m"));
        assertInput(
                "both a manifest and an index",
                () -> ManifestType.of(BOTH, MediaTypes.OCI_MANIFEST, "the Content-Type", "m"));
        byte[] layersOnly = bytes("{\"schemaVersion\": 2, " + LAYERS + ", " + MANIFESTS + "}");
        assertInput("both a manifest and an index", () -> OciIndex.parse(layersOnly, "m"));
    }

    @Test
    void nullListsCountAsAbsent() {
        byte[] manifest = bytes("{\"schemaVersion\": 2, " + CONFIG + ", " + LAYERS + ", \"manifests\": null}");
        assertEquals(1, OciManifest.parse(manifest, "m").layers().size());
    }

    @Test
    void theDocumentsOwnMediaTypeMustAgreeWithItsCarrier() {
        byte[] manifest = bytes("{\"schemaVersion\": 2, \"mediaType\": \"" + MediaTypes.OCI_MANIFEST + "\", " + CONFIG
                + ", " + LAYERS + "}");
        assertEquals(
                MediaTypes.OCI_MANIFEST, ManifestType.of(manifest, MediaTypes.OCI_MANIFEST, "the Content-Type", "m"));
        GateException error = assertInput(
                "disagrees with the Content-Type",
                () -> ManifestType.of(manifest, MediaTypes.OCI_INDEX, "the Content-Type", "reg/app manifest"));
        assertEquals(
                "reg/app manifest: its mediaType '" + MediaTypes.OCI_MANIFEST + "' disagrees with the Content-Type '"
                        + MediaTypes.OCI_INDEX + "'",
                error.getMessage());
    }

    @Test
    void withoutAnOwnMediaTypeTheStructureMustFitTheClaim() {
        byte[] manifest = bytes("{\"schemaVersion\": 2, " + CONFIG + ", " + LAYERS + "}");
        byte[] index = bytes("{\"schemaVersion\": 2, " + MANIFESTS + "}");
        assertInput(
                "an index (" + MediaTypes.OCI_INDEX + ") must not have config or layers",
                () -> ManifestType.of(manifest, MediaTypes.OCI_INDEX, "the Content-Type", "m"));
        assertInput(
                "a manifest (" + MediaTypes.DOCKER_MANIFEST + ") must not list manifests",
                () -> ManifestType.of(index, MediaTypes.DOCKER_MANIFEST, "the Content-Type", "m"));
        assertEquals(MediaTypes.OCI_INDEX, ManifestType.of(index, null, "the Content-Type", "m"));
        assertEquals(MediaTypes.OCI_MANIFEST, ManifestType.of(manifest, null, "the Content-Type", "m"));
    }

    @Test
    void aStoredImageOrIndexChecksItsDescriptor() {
        byte[] manifest = bytes("{\"schemaVersion\": 2, \"mediaType\": \"" + MediaTypes.OCI_MANIFEST + "\", " + CONFIG
                + ", " + LAYERS + "}");
        Descriptor asDocker = Descriptor.of(MediaTypes.DOCKER_MANIFEST, Digest.sha256(manifest), manifest.length);
        assertInput("disagrees with its descriptor's", () -> StoredImage.parse(asDocker, manifest, "m", d -> null));
        byte[] index =
                bytes("{\"schemaVersion\": 2, \"mediaType\": \"" + MediaTypes.OCI_INDEX + "\", " + MANIFESTS + "}");
        Descriptor asList = Descriptor.of(MediaTypes.DOCKER_MANIFEST_LIST, Digest.sha256(index), index.length);
        assertInput(
                "disagrees with its descriptor's", () -> StoredIndex.parse(asList, index, "i", d -> null, d -> null));
    }

    @Test
    void controlCharactersInAClaimedTypeAreEscaped() {
        byte[] manifest =
                bytes("{\"schemaVersion\": 2, \"mediaType\": \"a\\u001b[31mb\", " + CONFIG + ", " + LAYERS + "}");
        GateException error = assertInput("disagrees", () -> ManifestType.of(manifest, "x", "the Content-Type", "m"));
        assertTrue(error.getMessage().contains("'a\\x1b[31mb'"), error.getMessage());
    }

    private static GateException assertInput(String part, org.junit.jupiter.api.function.Executable parse) {
        GateException error = assertThrows(GateException.class, parse);
        assertEquals(GateException.Kind.INPUT, error.kind());
        assertTrue(error.getMessage().contains(part), error.getMessage());
        return error;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
