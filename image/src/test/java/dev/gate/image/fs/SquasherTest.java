package dev.gate.image.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.Zstd;
import dev.gate.errors.GateException;
import dev.gate.image.Compression;
import dev.gate.image.Descriptor;
import dev.gate.image.Digest;
import dev.gate.image.Layer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class SquasherTest {

    private static final ContentCapture ALL = ContentCapture.everything();

    private static SquashedFilesystem squash(Layer... layers) throws IOException {
        return new Squasher(ALL, SquashLimits.DEFAULT).squash(List.of(layers));
    }

    private static String text(SquashedFilesystem fs, String path) {
        return new String(fs.content(path).orElseThrow(), StandardCharsets.UTF_8);
    }

    @Test
    void upperLayerWinsAndRecordsItsDigest() throws IOException {
        Layer lower = new TestLayers()
                .dir("etc")
                .file("etc/a", "1")
                .file("etc/b", "1")
                .layer();
        Layer upper = new TestLayers().file("etc/a", "2").layer();
        SquashedFilesystem fs = squash(lower, upper);
        assertEquals("2", text(fs, "/etc/a"));
        assertEquals(
                upper.descriptor().digest().toString(),
                fs.entry("/etc/a").orElseThrow().layer());
        assertEquals(
                lower.descriptor().digest().toString(),
                fs.entry("/etc/b").orElseThrow().layer());
    }

    @Test
    void whiteoutRemovesLowerFileAndDirectoryTree() throws IOException {
        Layer lower = new TestLayers()
                .file("etc/a", "1")
                .file("opt/app/x", "1")
                .file("opt/app/y/z", "1")
                .layer();
        Layer upper =
                new TestLayers().file("etc/.wh.a", "").file("opt/.wh.app", "").layer();
        SquashedFilesystem fs = squash(lower, upper);
        assertTrue(fs.entry("/etc/a").isEmpty());
        assertTrue(fs.entry("/opt/app/y/z").isEmpty());
        assertTrue(fs.entry("/opt/app").isEmpty());
        assertTrue(fs.entry("/etc/.wh.a").isEmpty(), "whiteout markers are not files");
    }

    @Test
    void opaqueDirectoryHidesLowerChildrenButKeepsSameLayerOnes() throws IOException {
        Layer lower = new TestLayers().file("d/old", "1").file("e/kept", "1").layer();
        Layer upper =
                new TestLayers().file("d/new", "2").file("d/.wh..wh..opq", "").layer();
        SquashedFilesystem fs = squash(lower, upper);
        assertTrue(fs.entry("/d/old").isEmpty());
        assertEquals("2", text(fs, "/d/new"));
        assertTrue(fs.entry("/e/kept").isPresent());
    }

    @Test
    void hardLinksShareContent() throws IOException {
        SquashedFilesystem fs = squash(new TestLayers()
                .file("bin/a", "data")
                .hardlink("bin/b", "bin/a")
                .layer());
        assertEquals("data", text(fs, "/bin/b"));
    }

    @Test
    void symlinksResolveInsideTheRootOnly() throws IOException {
        SquashedFilesystem fs = squash(new TestLayers()
                .file("usr/lib/os-release", "ID=x")
                .symlink("etc/os-release", "../usr/lib/os-release")
                .symlink("abs", "/usr/lib/os-release")
                .symlink("escape", "../../../../usr/lib/os-release")
                .symlink("lib", "usr/lib")
                .symlink("loop1", "loop2")
                .symlink("loop2", "loop1")
                .layer());
        assertEquals("ID=x", text(fs, "/etc/os-release"));
        assertEquals("ID=x", text(fs, "/abs"));
        assertEquals("ID=x", text(fs, "/escape"), "climbing above the root stops at the image root");
        assertEquals("ID=x", text(fs, "/lib/os-release"));
        assertTrue(fs.resolve("/loop1").isEmpty());
    }

    @Test
    void dotDotAndAbsolutePathsNeverLeaveTheRoot() throws IOException {
        SquashedFilesystem fs = squash(new TestLayers()
                .file("../../etc/passwd", "x")
                .file("/abs/file", "y")
                .layer());
        assertTrue(fs.entries().stream().noneMatch(e -> e.path().contains("..")));
        assertEquals("y", text(fs, "/abs/file"));
        assertTrue(fs.skipped().stream().anyMatch(s -> s.path().equals("../../etc/passwd")));
    }

    @Test
    void readsGzipAndZstdLayers() throws IOException {
        byte[] tar = new TestLayers().file("a", "gz").tarBytes();
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(tar);
        }
        byte[] zst = Zstd.compress(new TestLayers().file("b", "zst").tarBytes());
        SquashedFilesystem fs = squash(TestLayers.of(gz.toByteArray()), TestLayers.of(zst));
        assertEquals("gz", text(fs, "/a"));
        assertEquals("zst", text(fs, "/b"));
    }

    @Test
    void anImageOverTheUncompressedLimitIsNotCatalogedAtAll() throws IOException {
        byte[] big = new byte[4 << 20];
        byte[] tar =
                new TestLayers().file("zeros", big, 0644).file("after", "x").tarBytes();
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(tar);
        }
        SquashLimits limits = new SquashLimits(1 << 20, 1 << 20, 1 << 20, 40);
        Squasher squasher = new Squasher(ContentCapture.none(), limits);
        GateException e =
                assertThrows(GateException.class, () -> squasher.squash(List.of(TestLayers.of(gz.toByteArray()))));
        assertEquals(GateException.Kind.INPUT, e.kind());
        assertTrue(e.getMessage().contains("over 1048576 uncompressed bytes"), e.getMessage());
    }

    @Test
    void bytesAfterTheTarEndMarkerAreCheckedAgainstTheDigest() {
        byte[] real = new TestLayers().file("etc/os-release", "ID=debian\n").tarBytes();
        byte[] served = real.clone();
        served[served.length - 1] ^= 1; // inside the end-of-archive padding, which a tar reader never looks at
        GateException e = assertThrows(GateException.class, () -> squash(servedInstead(real, served)));
        assertEquals(GateException.Kind.INPUT, e.kind());
        assertTrue(
                e.getMessage().startsWith("the source changed or is corrupt: layer " + Digest.sha256(real)),
                e.getMessage());
    }

    @Test
    void aDecoyOfTheSameSizeIsRefusedNotCataloged() throws IOException {
        byte[] real = gzip(new TestLayers()
                .file("var/lib/dpkg/status", "Package: banned\n")
                .tarBytes());
        byte[] decoy = Arrays.copyOf(
                gzip(new TestLayers()
                        .file("var/lib/dpkg/status", "Package: harmless\n")
                        .tarBytes()),
                real.length);
        GateException e = assertThrows(GateException.class, () -> squash(servedInstead(real, decoy)));
        assertTrue(e.getMessage().contains("the source changed or is corrupt"), e.getMessage());
    }

    @Test
    void aTarThatCannotBeParsedIsAnUnknownWhenItsBytesMatch() throws IOException {
        byte[] garbage = "this is not a tar archive, but it is what the digest names"
                .repeat(20)
                .getBytes(StandardCharsets.UTF_8);
        SquashedFilesystem fs = squash(TestLayers.of(garbage));
        assertFalse(fs.skipped().isEmpty());
    }

    /** A layer whose descriptor names {@code real} but whose source serves {@code served}. */
    private static Layer servedInstead(byte[] real, byte[] served) {
        Layer honest = TestLayers.of(real);
        return new Layer() {
            @Override
            public Descriptor descriptor() {
                return honest.descriptor();
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(served);
            }

            @Override
            public InputStream openUncompressed() throws IOException {
                return Compression.decompressed(open());
            }
        };
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(bytes);
        }
        return gz.toByteArray();
    }

    @Test
    void oversizedFilesAreNotCapturedAndAreReported() throws IOException {
        SquashLimits limits = new SquashLimits(1 << 30, 4, 1 << 20, 40);
        SquashedFilesystem fs = new Squasher(ALL, limits)
                .squash(List.of(new TestLayers()
                        .file("small", "abc")
                        .file("large", "abcdefgh")
                        .layer()));
        assertArrayEquals(
                "abc".getBytes(StandardCharsets.UTF_8), fs.content("/small").orElseThrow());
        assertEquals(null, fs.entry("/large").orElseThrow().content());
        assertTrue(fs.skipped().stream().anyMatch(s -> s.path().equals("/large")));
    }

    @Test
    void layersAreReadSideBySide() throws IOException {
        CountDownLatch upperOpened = new CountDownLatch(1);
        Layer lower = TestLayers.of(new TestLayers().file("etc/a", "1").tarBytes());
        Layer upperLayer = new TestLayers().file("etc/b", "2").layer();
        Layer waitingLower =
                new StreamedLayer(lower, () -> await(upperOpened, "the upper layer was not read beside the lower one"));
        Layer upper = new StreamedLayer(upperLayer, upperOpened::countDown);
        SquashedFilesystem fs = new Squasher(ALL, SquashLimits.DEFAULT, 2).squash(List.of(waitingLower, upper));
        assertEquals("1", text(fs, "/etc/a"));
        assertEquals("2", text(fs, "/etc/b"));
    }

    @Test
    void theFirstLayerInOrderThatFailsIsTheOneReportedWhateverFinishesFirst() {
        byte[] lowerReal = new TestLayers().file("etc/a", "1").tarBytes();
        byte[] upperReal = new TestLayers().file("etc/b", "2").tarBytes();
        CountDownLatch upperFailed = new CountDownLatch(1);
        Layer lower = new StreamedLayer(
                servedInstead(lowerReal, flipped(lowerReal)),
                () -> await(upperFailed, "the upper layer did not fail first"));
        Layer upper = new StreamedLayer(servedInstead(upperReal, flipped(upperReal)), () -> {});
        Layer upperSignalling = new Layer() {
            @Override
            public Descriptor descriptor() {
                return upper.descriptor();
            }

            @Override
            public InputStream open() throws IOException {
                return new java.io.FilterInputStream(upper.open()) {
                    @Override
                    public void close() throws IOException {
                        upperFailed.countDown(); // closed once its digest check has thrown
                        super.close();
                    }
                };
            }

            @Override
            public InputStream openUncompressed() throws IOException {
                return Compression.decompressed(open());
            }
        };
        GateException e = assertThrows(
                GateException.class,
                () -> new Squasher(ALL, SquashLimits.DEFAULT, 2).squash(List.of(lower, upperSignalling)));
        assertTrue(
                e.getMessage().startsWith("the source changed or is corrupt: layer " + Digest.sha256(lowerReal)),
                e.getMessage());
    }

    private static byte[] flipped(byte[] real) {
        byte[] served = real.clone();
        served[served.length - 1] ^= 1;
        return served;
    }

    private static void await(CountDownLatch latch, String otherwise) {
        try {
            if (!latch.await(20, TimeUnit.SECONDS)) {
                throw new UncheckedIOException(new IOException(otherwise));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException());
        }
    }

    /** A layer that runs {@code onOpen} when its stored bytes are opened and before they are handed out. */
    private record StreamedLayer(Layer layer, Runnable onOpen) implements Layer {
        @Override
        public Descriptor descriptor() {
            return layer.descriptor();
        }

        @Override
        public InputStream open() throws IOException {
            onOpen.run();
            return layer.open();
        }

        @Override
        public InputStream openUncompressed() throws IOException {
            return Compression.decompressed(open());
        }
    }
}
