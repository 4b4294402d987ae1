package dev.gate.image.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.errors.GateException;
import dev.gate.image.Artifact;
import dev.gate.image.Digest;
import dev.gate.image.Image;
import dev.gate.image.Layer;
import dev.gate.image.testing.SampleLayout;
import dev.gate.image.transport.PushListener;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * A layout comes from elsewhere: a symbolic link planted in it must not make gate read or write outside it.
 * Each planted link points at exactly the bytes the layout should hold, so only the refusal stops the read.
 */
class LayoutSymlinkTest {

    @TempDir
    Path temp;

    private Path layout() throws IOException {
        return SampleLayout.copyTo(Files.createTempDirectory(temp, "layout"));
    }

    private static Image read(Path layout) throws IOException {
        Image image = ((Artifact.Single) new LayoutSource(layout, "1.0.0").resolve()).image();
        for (Layer layer : image.layers()) {
            try (InputStream in = layer.open()) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
        }
        return image;
    }

    /** Moves a file out of the layout and leaves a link to it in its place. */
    private Path plantLink(Path file) throws IOException {
        Path outside = Files.createTempDirectory(temp, "outside").resolve(file.getFileName());
        Files.move(file, outside);
        Files.createSymbolicLink(file, outside);
        return outside;
    }

    @Test
    void aLayerBlobThatIsALinkIsRefused() throws IOException {
        Path layout = layout();
        Image image = read(layout);
        Digest layer = image.layers().get(0).descriptor().digest();
        plantLink(layout.resolve("blobs/sha256").resolve(layer.hex()));
        assertRefused("blobs/sha256/" + layer.hex() + " is a symbolic link", () -> read(layout));
        assertRefused(
                "is a symbolic link",
                () -> new OciLayout(layout).region(image.layers().get(0).descriptor()));
    }

    @Test
    void aManifestBlobThatIsALinkIsRefused() throws IOException {
        Path layout = layout();
        Digest manifest = read(layout).descriptor().digest();
        plantLink(layout.resolve("blobs/sha256").resolve(manifest.hex()));
        assertRefused("is a symbolic link", () -> read(layout));
    }

    @Test
    void aBlobsFolderThatIsALinkIsRefused() throws IOException {
        Path layout = layout();
        plantLink(layout.resolve("blobs/sha256"));
        assertRefused("blobs/sha256 is a symbolic link", () -> read(layout));
        Path other = layout();
        plantLink(other.resolve("blobs"));
        assertRefused("blobs is a symbolic link", () -> read(other));
    }

    @Test
    void anIndexThatIsALinkToASecretIsRefusedUnread() throws IOException {
        Path layout = layout();
        Path secret = temp.resolve("shadow");
        Files.writeString(secret, "root:$6$secret-hash:19000:0:99999:7:::\n");
        Files.delete(layout.resolve("index.json"));
        Files.createSymbolicLink(layout.resolve("index.json"), secret);
        GateException error = assertRefused("index.json is a symbolic link", () -> read(layout));
        assertTrue(!error.getMessage().contains("secret-hash"), error.getMessage());
    }

    @Test
    void writingDoesNotFollowALinkedBlobsFolder() throws IOException {
        Artifact sample = new LayoutSource(SampleLayout.PATH, "1.0.0").resolve();
        Path target = temp.resolve("target");
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
        Files.createDirectories(target.resolve("blobs"));
        Files.createSymbolicLink(target.resolve("blobs/sha256"), elsewhere);
        assertRefused(
                "blobs/sha256 is a symbolic link", () -> new LayoutSink(target, "v1").write(sample, PushListener.NONE));
        try (Stream<Path> written = Files.list(elsewhere)) {
            assertEquals(0, written.count());
        }
    }

    @Test
    void writingDoesNotTrustALinkedBlobAsPresent() throws IOException {
        Artifact sample = new LayoutSource(SampleLayout.PATH, "1.0.0").resolve();
        Path target = temp.resolve("target");
        Path outside = Files.writeString(
                temp.resolve("outside"), "x".repeat((int) sample.descriptor().size()));
        Files.createDirectories(target.resolve("blobs/sha256"));
        Files.createSymbolicLink(
                target.resolve("blobs/sha256")
                        .resolve(sample.descriptor().digest().hex()),
                outside);
        assertRefused("is a symbolic link", () -> new LayoutSink(target, "v1").write(sample, PushListener.NONE));
        assertEquals("x".repeat((int) sample.descriptor().size()), Files.readString(outside));
    }

    private static GateException assertRefused(String part, Executable action) {
        GateException error = assertThrows(GateException.class, action);
        assertEquals(GateException.Kind.INPUT, error.kind());
        assertTrue(error.getMessage().contains(part), error.getMessage());
        return error;
    }
}
