package dev.gate.image.oci;

import static dev.gate.image.testing.FuzzChecks.parses;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gate.image.Descriptor;
import dev.gate.image.Digest;
import dev.gate.image.MediaTypes;
import dev.gate.image.fs.TestLayers;

/** Manifests and indexes, as a registry, a layout or an archive hands them over. */
class OciDocumentFuzzTest {

    @FuzzTest
    void manifest(byte[] raw) throws Exception {
        parses(() -> StoredImage.parse(
                Descriptor.of(MediaTypes.OCI_MANIFEST, Digest.sha256(raw), raw.length),
                raw,
                "fuzz",
                d -> TestLayers.of(new byte[0])));
    }

    @FuzzTest
    void index(byte[] raw) throws Exception {
        parses(() -> StoredIndex.parse(
                Descriptor.of(MediaTypes.OCI_INDEX, Digest.sha256(raw), raw.length),
                raw,
                "fuzz",
                d -> null,
                d -> null));
    }

    @FuzzTest
    void mediaType(byte[] raw) throws Exception {
        parses(() -> ManifestType.of(raw, null, "the Content-Type", "fuzz"));
        parses(() -> ManifestType.of(raw, MediaTypes.DOCKER_MANIFEST_LIST, "the Content-Type", "fuzz"));
    }
}
