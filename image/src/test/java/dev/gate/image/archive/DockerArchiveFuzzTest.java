package dev.gate.image.archive;

import static dev.gate.image.testing.FuzzChecks.parses;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gate.image.Artifact;
import dev.gate.image.Digest;
import dev.gate.image.Layer;
import dev.gate.image.VerifyingInputStream;
import dev.gate.image.fs.TestLayers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** docker-archive files: their manifest.json inside a valid archive, and whole archives of any bytes. */
class DockerArchiveFuzzTest {

    private static final byte[] LAYER =
            new TestLayers().file("etc/os-release", "ID=fuzz\n").tarBytes();
    private static final String CONFIG =
            "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                    + Digest.sha256(LAYER) + "\"]}}";
    private static final Path FILE = temporaryFile();

    private static Path temporaryFile() {
        try {
            Path file = Files.createTempFile("gate-fuzz-", ".tar");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest
    void manifestJson(byte[] manifestJson) throws Exception {
        Files.write(
                FILE,
                new TestLayers()
                        .file("manifest.json", manifestJson, 0644)
                        .file("config.json", CONFIG.getBytes(StandardCharsets.UTF_8), 0644)
                        .file("layer.tar", LAYER, 0644)
                        .tarBytes());
        readAll();
    }

    @FuzzTest
    void archive(byte[] archive) throws Exception {
        Files.write(FILE, archive);
        readAll();
    }

    /**
     * Resolves the archive and reads every layer to its end, as the SBOM and a push would; a layer whose bytes do
     * not match its digest is refused with the stream's own typed error.
     */
    private static void readAll() throws Exception {
        parses(
                () -> {
                    try (DockerArchiveSource source = new DockerArchiveSource(FILE, null)) {
                        Artifact artifact = source.resolve();
                        if (artifact instanceof Artifact.Single single) {
                            for (Layer layer : single.image().layers()) {
                                try (InputStream in = layer.open()) {
                                    in.transferTo(OutputStream.nullOutputStream());
                                }
                            }
                        }
                    }
                },
                List.of(VerifyingInputStream.BlobMismatchException.class));
    }
}
