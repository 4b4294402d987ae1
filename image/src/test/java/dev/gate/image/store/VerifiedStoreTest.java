package dev.gate.image.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.errors.GateException;
import dev.gate.image.Artifact;
import dev.gate.image.Blob;
import dev.gate.image.Descriptor;
import dev.gate.image.Digest;
import dev.gate.image.FileRegion;
import dev.gate.image.Image;
import dev.gate.image.Layer;
import dev.gate.image.VerifyingInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class VerifiedStoreTest {

    private static final byte[] REAL = "the layer's real bytes".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OTHER = "some other bytes, same ".getBytes(StandardCharsets.UTF_8);

    /** A source that serves {@code answers} in turn, one per read, and counts the reads. */
    private static final class ChangingLayer implements Layer {
        final Descriptor descriptor =
                Descriptor.of("application/vnd.oci.image.layer.v1.tar", Digest.sha256(REAL), REAL.length);
        final List<byte[]> answers;
        final AtomicInteger reads = new AtomicInteger();

        ChangingLayer(byte[]... answers) {
            this.answers = List.of(answers);
        }

        @Override
        public Descriptor descriptor() {
            return descriptor;
        }

        @Override
        public InputStream open() {
            return new ByteArrayInputStream(answers.get(Math.min(reads.getAndIncrement(), answers.size() - 1)));
        }

        @Override
        public InputStream openUncompressed() {
            return open();
        }
    }

    private static Layer held(VerifiedStore store, Layer layer) {
        Blob config = layer;
        Image image = new Image() {
            @Override
            public Descriptor descriptor() {
                return layer.descriptor();
            }

            @Override
            public byte[] rawManifest() {
                return new byte[0];
            }

            @Override
            public Blob config() {
                return config;
            }

            @Override
            public List<Layer> layers() {
                return List.of(layer);
            }
        };
        return ((Artifact.Single) store.hold(Artifact.of(image)))
                .image()
                .layers()
                .get(0);
    }

    @Test
    void aBlobReadToItsEndIsServedFromTheStoreAfterwards() throws IOException {
        ChangingLayer source = new ChangingLayer(REAL, OTHER);
        try (VerifiedStore store = VerifiedStore.open()) {
            Layer layer = held(store, source);
            try (InputStream in = layer.open()) {
                assertArrayEquals(REAL, in.readAllBytes());
            }
            try (InputStream in = layer.open()) {
                assertArrayEquals(REAL, in.readAllBytes());
            }
            FileRegion region = layer.storedRegion().orElseThrow();
            assertArrayEquals(REAL, Files.readAllBytes(region.file()));
            assertEquals(1, source.reads.get());
        }
    }

    @Test
    void bytesThatDoNotMatchTheDigestAreNeverKept() throws IOException {
        ChangingLayer source = new ChangingLayer(OTHER, REAL);
        try (VerifiedStore store = VerifiedStore.open()) {
            Layer layer = held(store, source);
            try (InputStream in = layer.open()) {
                assertThrows(VerifyingInputStream.BlobMismatchException.class, in::readAllBytes);
            }
            try (InputStream in = layer.open()) {
                assertArrayEquals(REAL, in.readAllBytes());
            }
            assertEquals(2, source.reads.get());
        }
    }

    @Test
    void aReadStoppedHalfWayKeepsNothingAndTheStoreIsGoneOnClose() throws IOException {
        ChangingLayer source = new ChangingLayer(REAL);
        Path folder;
        try (VerifiedStore store = VerifiedStore.open()) {
            Layer layer = held(store, source);
            try (InputStream in = layer.open()) {
                in.readNBytes(3);
            }
            FileRegion region = layer.storedRegion().orElseThrow();
            folder = region.file().getParent();
            try (var files = Files.list(folder)) {
                assertEquals(1, files.count(), "only the verified copy, no partial one");
            }
        }
        assertFalse(Files.exists(folder));
    }

    @Test
    void aPushFromASourceThatLiesFailsAsBadInput() {
        ChangingLayer source = new ChangingLayer(OTHER);
        try (VerifiedStore store = VerifiedStore.open()) {
            Layer layer = held(store, source);
            GateException e = assertThrows(GateException.class, layer::storedRegion);
            assertEquals(GateException.Kind.INPUT, e.kind());
            assertTrue(e.getMessage().startsWith("the source changed or is corrupt"), e.getMessage());
        }
    }
}
