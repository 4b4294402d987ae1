package dev.gate.image.layout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.errors.GateException;
import dev.gate.image.Artifact;
import dev.gate.image.Digest;
import dev.gate.image.Image;
import dev.gate.image.Layer;
import dev.gate.image.testing.SampleLayout;
import dev.gate.image.transport.PushListener;
import dev.gate.image.transport.PushReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayoutTest {

    static final Path SAMPLE = Path.of(System.getProperty("gate.root", "..")).resolve("testdata/sample");

    @TempDir
    Path temp;

    @Test
    void readsTheSampleImageByTagAndAlone() throws IOException {
        Image byTag = single(new LayoutSource(SAMPLE, "1.0.0").resolve());
        Image alone = single(new LayoutSource(SAMPLE, null).resolve());
        assertEquals(byTag.descriptor(), alone.descriptor());
        assertEquals(Digest.sha256(byTag.rawManifest()), byTag.descriptor().digest());
        assertEquals(1, byTag.layers().size());
        assertTrue(tarNames(byTag.layers().get(0)).contains("var/lib/dpkg/status"));
    }

    @Test
    void copyKeepsEveryByteAndSkipsWhatIsThere() throws IOException {
        Path out = temp.resolve("out");
        Artifact artifact = new LayoutSource(SAMPLE, "1.0.0").resolve();
        PushReport first = new LayoutSink(out, "v1").write(artifact, PushListener.NONE);
        assertEquals(artifact.descriptor().digest(), first.root().digest());
        assertTrue(first.blobs().stream().allMatch(b -> b.outcome() == PushListener.Outcome.UPLOADED));

        Image copied = single(new LayoutSource(out, "v1").resolve());
        assertArrayEquals(single(artifact).rawManifest(), copied.rawManifest());
        assertSameFiles(SAMPLE.resolve("blobs"), out.resolve("blobs"));

        PushReport second = new LayoutSink(out, "v1").write(artifact, PushListener.NONE);
        assertTrue(second.blobs().stream().allMatch(b -> b.outcome() == PushListener.Outcome.SKIPPED_EXISTING));
    }

    @Test
    void secondTagKeepsFirstAndRetagReplaces() throws IOException {
        Path out = temp.resolve("out");
        Artifact artifact = new LayoutSource(SAMPLE, "1.0.0").resolve();
        new LayoutSink(out, "a").write(artifact, PushListener.NONE);
        new LayoutSink(out, "b").write(artifact, PushListener.NONE);
        new LayoutSink(out, "b").write(artifact, PushListener.NONE);
        String index = Files.readString(out.resolve("index.json"));
        assertEquals(2, index.split("org.opencontainers.image.ref.name").length - 1, index);
        GateException ambiguous = assertThrows(GateException.class, () -> new LayoutSource(out, null).resolve());
        assertTrue(ambiguous.getMessage().contains("tags: a, b"), ambiguous.getMessage());
    }

    @Test
    void missingLayoutPiecesAreNamed() throws IOException {
        GateException noDir =
                assertThrows(GateException.class, () -> new LayoutSource(temp.resolve("nope"), null).resolve());
        assertTrue(noDir.getMessage().contains("no such directory"));
        Files.createDirectories(temp.resolve("empty"));
        GateException noMarker =
                assertThrows(GateException.class, () -> new LayoutSource(temp.resolve("empty"), null).resolve());
        assertTrue(noMarker.getMessage().contains("oci-layout"));
        GateException unknownTag = assertThrows(GateException.class, () -> new LayoutSource(SAMPLE, "2.0").resolve());
        assertTrue(unknownTag.getMessage().contains("no image tagged '2.0'")
                && unknownTag.getMessage().contains("1.0.0"));
    }

    @Test
    void malformedIndexIsAnInputError() throws IOException {
        Path broken = copyOfSample();
        Files.writeString(
                broken.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"digest\":\"sha256:zz\"}]");
        GateException error = assertThrows(GateException.class, () -> new LayoutSource(broken, null).resolve());
        assertEquals(GateException.Kind.INPUT, error.kind());
        assertTrue(error.getMessage().contains("index.json"), error.getMessage());
    }

    @Test
    void tamperedBlobIsRefusedWithItsDigest() throws IOException {
        Path broken = copyOfSample();
        Image image = single(new LayoutSource(broken, null).resolve());
        Path layerFile = broken.resolve(
                "blobs/sha256/" + image.layers().get(0).descriptor().digest().hex());
        byte[] bytes = Files.readAllBytes(layerFile);
        bytes[bytes.length / 2] ^= 1;
        Files.write(layerFile, bytes);
        Artifact artifact = new LayoutSource(broken, null).resolve();
        GateException error = assertThrows(
                GateException.class,
                () -> new LayoutSink(temp.resolve("dest"), "x").write(artifact, PushListener.NONE));
        assertTrue(
                error.getMessage()
                        .contains(image.layers().get(0).descriptor().digest().toString()),
                error.getMessage());
        assertTrue(Files.notExists(temp.resolve("dest/index.json")), "nothing is tagged after a failed copy");
    }

    @Test
    void umociUnpacksWhatTheSinkWrote() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                Files.isExecutable(Path.of("/usr/bin/umoci")) || isCi(),
                "umoci is not installed: skipping the independent unpack check");
        Path out = temp.resolve("out");
        new LayoutSink(out, "v1").write(new LayoutSource(SAMPLE, null).resolve(), PushListener.NONE);
        Process umoci = new ProcessBuilder(
                        "umoci",
                        "unpack",
                        "--rootless",
                        "--image",
                        out + ":v1",
                        temp.resolve("bundle").toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(umoci.getInputStream().readAllBytes());
        assertEquals(0, umoci.waitFor(), output);
        assertTrue(Files.isRegularFile(temp.resolve("bundle/rootfs/etc/os-release")));
    }

    static boolean isCi() {
        return "true".equals(System.getenv("CI"));
    }

    private Path copyOfSample() throws IOException {
        return SampleLayout.copyTo(temp.resolve("copy"));
    }

    private static Image single(Artifact artifact) {
        return assertInstanceOf(Artifact.Single.class, artifact).image();
    }

    private static java.util.List<String> tarNames(Layer layer) throws IOException {
        java.util.List<String> names = new java.util.ArrayList<>();
        try (InputStream in = layer.openUncompressed();
                TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                names.add(entry.getName());
            }
        }
        return names;
    }

    private static void assertSameFiles(Path expected, Path actual) throws IOException {
        try (Stream<Path> files = Files.walk(expected)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertArrayEquals(
                        Files.readAllBytes(file),
                        Files.readAllBytes(
                                actual.resolve(expected.relativize(file).toString())));
            }
        }
    }
}
