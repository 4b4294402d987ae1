package dev.gate.image.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.image.Artifact;
import dev.gate.image.Blob;
import dev.gate.image.Descriptor;
import dev.gate.image.Digest;
import dev.gate.image.Image;
import dev.gate.image.ImageIndex;
import dev.gate.image.Layer;
import dev.gate.image.MediaTypes;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** What every source must satisfy, whatever its transport: content matches what describes it. */
final class ImageContract {

    private ImageContract() {}

    static void check(Artifact artifact) throws IOException {
        assertEquals(
                artifact.descriptor().digest(),
                Digest.sha256(artifact.raw()),
                "manifest digest is sha256 of raw bytes");
        assertEquals(artifact.descriptor().size(), artifact.raw().length, "manifest size");
        if (artifact instanceof Artifact.Single single) {
            check(single.image());
        } else {
            check(((Artifact.Multi) artifact).index());
        }
    }

    static void check(ImageIndex index) throws IOException {
        assertFalse(index.manifests().isEmpty(), "index has entries");
        for (Descriptor child : index.manifests()) {
            if (MediaTypes.isIndex(child.mediaType())) {
                check(Artifact.of(index.index(child.digest())));
            } else {
                Image image = index.image(child.digest());
                assertEquals(child.digest(), image.descriptor().digest(), "child resolves to its digest");
                check(Artifact.of(image));
            }
        }
    }

    static void check(Image image) throws IOException {
        assertEquals(image.descriptor().digest(), Digest.sha256(image.rawManifest()));
        checkBlob(image.config());
        assertFalse(image.layers().isEmpty(), "image has layers");
        for (Layer layer : image.layers()) {
            checkBlob(layer);
            assertTrue(tarEntries(layer) > 0, "layer " + layer.descriptor().digest() + " is a readable tar");
        }
    }

    /** Hashes the stored bytes independently of any verifying stream the source uses. */
    static void checkBlob(Blob blob) throws IOException {
        MessageDigest sha = Digest.newSha256();
        long size = 0;
        try (InputStream in = blob.open()) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
                size += n;
            }
        }
        assertEquals(blob.descriptor().digest().hex(), HexFormat.of().formatHex(sha.digest()), "blob digest");
        assertEquals(
                blob.descriptor().size(),
                size,
                "blob size of " + blob.descriptor().digest());
    }

    private static int tarEntries(Layer layer) throws IOException {
        int count = 0;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(layer.openUncompressed())) {
            while (tar.getNextEntry() != null) {
                count++;
            }
        }
        return count;
    }
}
