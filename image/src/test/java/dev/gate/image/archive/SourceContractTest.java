package dev.gate.image.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.errors.GateException;
import dev.gate.image.Artifact;
import dev.gate.image.MediaTypes;
import dev.gate.image.testing.LoopbackServices;
import dev.gate.image.transport.ImageSink;
import dev.gate.image.transport.ImageSource;
import dev.gate.image.transport.PushListener;
import dev.gate.image.transport.Transports;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image contract run against every source transport, and the bad inputs each must refuse. */
class SourceContractTest {

    @TempDir
    Path dir;

    private static Artifact checked(String location) throws IOException {
        try (ImageSource source = Transports.source(location)) {
            Artifact artifact = source.resolve();
            ImageContract.check(artifact);
            return artifact;
        }
    }

    @Test
    void ociLayout() throws IOException {
        checked("oci:" + Fixtures.SAMPLE + ":1.0.0");
    }

    @Test
    void ociArchiveKeepsTheManifestBytes() throws IOException {
        Artifact fromArchive = checked("oci-archive:" + Fixtures.ociArchive(dir) + ":1.0.0");
        Artifact fromLayout = checked("oci:" + Fixtures.SAMPLE + ":1.0.0");
        assertEquals(fromLayout.descriptor().digest(), fromArchive.descriptor().digest());
        assertArrayEquals(fromLayout.raw(), fromArchive.raw());
    }

    @Test
    void dockerArchiveWithAnOciLayoutIsReadThroughItsOwnManifest() throws IOException {
        Path file = Fixtures.dockerOciArchive(dir);
        Artifact named = checked("docker-archive:" + file + ":sample:1.0.0");
        Artifact only = checked("docker-archive:" + file);
        assertEquals(
                checked("oci:" + Fixtures.SAMPLE + ":1.0.0").descriptor().digest(),
                named.descriptor().digest());
        assertEquals(named.descriptor().digest(), only.descriptor().digest());
    }

    @Test
    void legacyDockerArchiveGetsADeterministicUncompressedOciManifest() throws IOException {
        Path file = Fixtures.legacyDockerArchive(dir, "sample:1.0.0");
        Artifact first = checked("docker-archive:" + file + ":docker.io/library/sample:1.0.0");
        Artifact second = checked("docker-archive:" + file);
        assertEquals(first.descriptor().digest(), second.descriptor().digest());
        assertEquals(MediaTypes.OCI_MANIFEST, first.descriptor().mediaType());
        Artifact.Single single = (Artifact.Single) first;
        single.image()
                .layers()
                .forEach(l -> assertEquals(MediaTypes.OCI_LAYER, l.descriptor().mediaType()));
    }

    @Test
    void registryWhenThePlainRegistryIsUp() throws IOException {
        String registry = LoopbackServices.require("GATE_REGISTRY_PLAIN");
        String ref = registry + "/contract/sample-" + System.nanoTime() + ":1";
        Artifact pushed;
        try (ImageSource from = Transports.source("oci:" + Fixtures.SAMPLE + ":1.0.0")) {
            pushed = from.resolve();
            ImageSink sink = Transports.sink("docker://" + ref);
            sink.write(pushed, PushListener.NONE);
        }
        assertEquals(
                pushed.descriptor().digest(),
                checked("docker://" + ref).descriptor().digest());
    }

    @Test
    void daemonWhenPodmanIsUp() throws Exception {
        String socket = LoopbackServices.require("GATE_PODMAN_SOCKET");
        assertTrue(
                Files.exists(Path.of(socket)),
                "the Podman API socket " + socket + " is missing: bash .ci/services.sh start");
        Path archive = Fixtures.legacyDockerArchive(dir, "localhost/gate-contract:1");
        Process load = new ProcessBuilder("podman", "--storage-driver", "vfs", "load", "-i", archive.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("load.log").toFile())
                .start();
        assertTrue(load.waitFor(120, TimeUnit.SECONDS) && load.exitValue() == 0, () -> read(dir.resolve("load.log")));
        try (ImageSource source =
                new dev.gate.image.daemon.DaemonSource("localhost/gate-contract:1", "unix://" + socket)) {
            Artifact artifact = source.resolve();
            ImageContract.check(artifact);
            Artifact expected = checked("docker-archive:" + archive);
            assertEquals(
                    ((Artifact.Single) expected).image().config().descriptor().digest(),
                    ((Artifact.Single) artifact).image().config().descriptor().digest());
        }
        try (ImageSource missing =
                new dev.gate.image.daemon.DaemonSource("localhost/gate-no-such:1", "unix://" + socket)) {
            GateException e = assertThrows(GateException.class, missing::resolve);
            assertEquals(GateException.Kind.INPUT, e.kind(), e.getMessage());
        }
    }

    @Test
    void truncatedTarIsAnInputError() throws IOException {
        Path file = Fixtures.ociArchive(dir);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(raf.length() / 2);
        }
        assertInputError("oci-archive:" + file + ":1.0.0", file.toString());
    }

    @Test
    void blobsThatDoNotMatchTheirDigestsAreRefused() throws IOException {
        Path file = Fixtures.legacyDockerArchive(dir, "sample:1.0.0");
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        int at = text.indexOf("os-release");
        assertTrue(at > 0, "fixture holds os-release");
        int content = text.indexOf("ID=", at);
        bytes[content] = 'X';
        Files.write(file, bytes);
        try (ImageSource source = Transports.source("docker-archive:" + file)) {
            Artifact artifact = source.resolve();
            Exception e = assertThrows(Exception.class, () -> ImageContract.check(artifact));
            assertTrue(e.getMessage().contains("sha256:"), e.getMessage());
        }
    }

    @Test
    void unknownTagsListTheKnownOnes() throws IOException {
        assertInputError("oci-archive:" + Fixtures.ociArchive(dir) + ":2.0.0", "tags: 1.0.0");
        assertInputError(
                "docker-archive:" + Fixtures.legacyDockerArchive(dir, "sample:1.0.0") + ":other:1", "sample:1.0.0");
        assertInputError(
                "docker-archive:" + Fixtures.dockerOciArchive(dir) + ":other:1", "docker.io/library/sample:1.0.0");
    }

    @Test
    void missingAndMalformedArchivesNameTheFile() throws IOException {
        assertInputError("docker-archive:" + dir.resolve("absent.tar"), "absent.tar");
        Path junk = Files.writeString(dir.resolve("junk.tar"), "not a tar at all");
        assertInputError("docker-archive:" + junk, "junk.tar");
        assertInputError("oci-archive:" + Fixtures.legacyDockerArchive(dir, "a:1"), "oci-layout");
    }

    @Test
    void daemonOnlySpeaksUnixSockets() {
        GateException e = assertThrows(
                GateException.class, () -> new dev.gate.image.daemon.DaemonSource("alpine", "tcp://127.0.0.1:2375"));
        assertTrue(e.getMessage().contains("DOCKER_HOST"), e.getMessage());
        assertThrows(GateException.class, () -> Transports.source("docker-daemon:Bad//Ref"));
    }

    private static void assertInputError(String location, String mentioned) {
        GateException e = assertThrows(GateException.class, () -> {
            try (ImageSource source = Transports.source(location)) {
                source.resolve();
            }
        });
        assertEquals(GateException.Kind.INPUT, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains(mentioned), e.getMessage());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.getMessage();
        }
    }
}
