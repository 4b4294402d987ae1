package dev.gate.image.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.errors.GateException;
import dev.gate.image.Artifact;
import dev.gate.image.Descriptor;
import dev.gate.image.Digest;
import dev.gate.image.MediaTypes;
import dev.gate.image.Reference;
import dev.gate.image.layout.LayoutSource;
import dev.gate.image.transport.PushListener;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Registries that go silent or send without end: every request ends, in time and within a size cap. */
class BoundedNetworkTest {

    static final RegistryOptions QUICK =
            new RegistryOptions(Set.of(), 2, CredentialStore.none()).withTimeout(Duration.ofSeconds(1));
    static final Duration BOUND = Duration.ofSeconds(15);

    FakeRegistry registry;

    @BeforeEach
    void start() throws Exception {
        registry = new FakeRegistry();
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    static RegistryClient client(String host) {
        return RegistryClient.open(Reference.parse(host + "/team/app:1"), QUICK);
    }

    @Test
    void registryThatAcceptsAndNeverAnswersEndsTheRun() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            GateException error = assertTimeoutPreemptively(
                    BOUND,
                    () -> assertThrows(
                            GateException.class, () -> client(silent.host()).getManifest("1")));
            assertEquals(GateException.Kind.OPERATIONAL, error.kind());
            assertTrue(
                    error.getMessage().contains("no answer from '" + silent.host() + "' for 1 s"), error.getMessage());
            assertTrue(error.getMessage().contains("--timeout"), error.getMessage());
            assertEquals(1, error.getMessage().lines().count());
        }
    }

    @Test
    void manifestThatStopsHalfWayEndsTheRunWithoutRetries() {
        registry.streamBody(e -> e.getRequestURI().getPath().contains("/manifests/"), 10_000, 1_000);
        GateException error = assertTimeoutPreemptively(
                BOUND,
                () -> assertThrows(
                        GateException.class, () -> client(registry.host()).getManifest("1")));
        assertEquals(GateException.Kind.OPERATIONAL, error.kind());
        assertTrue(error.getMessage().startsWith("get manifest team/app:1: no answer from"), error.getMessage());
        assertEquals(1, registry.count("GET /v2/team/app/manifests/"), "a silent registry is not asked again");
    }

    @Test
    void registryThatTakesAnUploadAndNeverAnswersEndsThePush() throws Exception {
        registry.fault(
                e -> e.getRequestMethod().equals("PUT")
                        && e.getRequestURI().getPath().contains("/blobs/uploads/"),
                FakeRegistry.NEVER_ANSWER,
                Map.of(),
                100);
        Artifact sample = new LayoutSource(RegistrySinkTest.SAMPLE, "1.0.0").resolve();
        RegistrySink sink = new RegistrySink(Reference.parse(registry.host() + "/team/app:1.0.0"), QUICK);
        GateException error = assertTimeoutPreemptively(
                BOUND, () -> assertThrows(GateException.class, () -> sink.write(sample, PushListener.NONE)));
        assertEquals(GateException.Kind.OPERATIONAL, error.kind());
        assertTrue(error.getMessage().contains("no answer from"), error.getMessage());
        assertTrue(registry.manifests.isEmpty(), "nothing was tagged");
    }

    @Test
    void registryThatStopsReadingAnUploadEndsIt() {
        registry.fault(
                e -> e.getRequestMethod().equals("PUT")
                        && e.getRequestURI().getPath().contains("/blobs/uploads/"),
                FakeRegistry.STOP_READING,
                Map.of(),
                100);
        byte[] blob = random(32 << 20);
        Descriptor descriptor = Descriptor.of(MediaTypes.OCI_LAYER_GZIP, Digest.sha256(blob), blob.length);
        GateException error = assertTimeoutPreemptively(
                Duration.ofSeconds(60),
                () -> assertThrows(
                        GateException.class,
                        () -> client(registry.host())
                                .uploadBlob(descriptor, () -> new java.io.ByteArrayInputStream(blob))));
        assertEquals(GateException.Kind.OPERATIONAL, error.kind());
        assertTrue(error.getMessage().contains("no answer from"), error.getMessage());
    }

    @Test
    void sourceRegistryThatStopsMidBlobEndsTheCopyAsAnOperationalFailure() throws Exception {
        Artifact sample = new LayoutSource(RegistrySinkTest.SAMPLE, "1.0.0").resolve();
        new RegistrySink(Reference.parse(registry.host() + "/team/app:1.0.0"), QUICK).write(sample, PushListener.NONE);
        registry.streamBody(
                e -> e.getRequestMethod().equals("GET")
                        && e.getRequestURI().getPath().contains("/blobs/"),
                1 << 20,
                10);
        Artifact source = RegistrySource.open(Reference.parse(registry.host() + "/team/app:1.0.0"), QUICK)
                .resolve();
        try (FakeRegistry mirror = new FakeRegistry()) {
            RegistrySink sink = new RegistrySink(Reference.parse(mirror.host() + "/team/app:1.0.0"), QUICK);
            GateException error = assertTimeoutPreemptively(
                    Duration.ofSeconds(60),
                    () -> assertThrows(GateException.class, () -> sink.write(source, PushListener.NONE)));
            assertEquals(GateException.Kind.OPERATIONAL, error.kind(), error.getMessage());
            assertTrue(
                    error.getMessage().contains("the source stopped sending: no answer from '" + registry.host() + "'"),
                    error.getMessage());
            assertTrue(mirror.manifests.isEmpty(), "nothing was tagged");
        }
    }

    @Test
    void blobThatStopsHalfWayFailsTheRead() {
        byte[] blob = random(1 << 20);
        Descriptor descriptor = Descriptor.of(MediaTypes.OCI_LAYER_GZIP, Digest.sha256(blob), blob.length);
        registry.streamBody(e -> e.getRequestURI().getPath().contains("/blobs/"), blob.length, 100_000);
        IOException error = assertTimeoutPreemptively(
                BOUND,
                () -> assertThrows(IOException.class, () -> {
                    try (InputStream in = client(registry.host()).openBlob(descriptor)) {
                        in.readAllBytes();
                    }
                }));
        assertTrue(error.getMessage().contains("no answer from"), error.getMessage());
    }

    @Test
    void aReaderThatTakesItsTimeIsNotCut() throws Exception {
        byte[] blob = random(8 << 20);
        Descriptor descriptor = Descriptor.of(MediaTypes.OCI_LAYER_GZIP, Digest.sha256(blob), blob.length);
        registry.blobs.put(descriptor.digest().toString(), blob);
        try (InputStream in = client(registry.host()).openBlob(descriptor)) {
            byte[] start = in.readNBytes(1024);
            Thread.sleep(3_000); // three timeouts, spent by the reader, not the registry
            byte[] rest = in.readAllBytes();
            assertEquals(blob.length, start.length + rest.length);
            assertArrayEquals(blob, concat(start, rest));
        }
    }

    @Test
    void hugeManifestIsCutAtTheCapAndNotRetried() {
        registry.streamBody(e -> e.getRequestURI().getPath().contains("/manifests/"), 400L << 20, -1);
        GateException error = assertTimeoutPreemptively(
                BOUND,
                () -> assertThrows(
                        GateException.class, () -> client(registry.host()).getManifest("1")));
        assertEquals(GateException.Kind.OPERATIONAL, error.kind());
        assertTrue(error.getMessage().contains("larger than 4 MiB"), error.getMessage());
        assertEquals(1, registry.count("GET /v2/team/app/manifests/"), "a breach is not retried");
        assertTrue(
                registry.streamed.get() < 64L << 20,
                "the read stopped near the cap, not at 400 MiB: " + registry.streamed.get());
    }

    @Test
    void hugeTokenAnswerIsCutAtTheCap() {
        registry.requireToken("t0ken");
        registry.streamBody(e -> e.getRequestURI().getPath().equals("/token"), 400L << 20, -1);
        GateException error = assertTimeoutPreemptively(
                BOUND,
                () -> assertThrows(
                        GateException.class, () -> client(registry.host()).getManifest("1")));
        assertEquals(GateException.Kind.OPERATIONAL, error.kind());
        assertTrue(error.getMessage().startsWith("token service of " + registry.host()), error.getMessage());
        assertTrue(error.getMessage().contains("larger than 1 MiB"), error.getMessage());
        assertTrue(registry.streamed.get() < 64L << 20, "stopped near the cap: " + registry.streamed.get());
    }

    @Test
    void tokenThatWouldBreakTheHeaderIsRefused() {
        registry.requireToken(
                "t0ken\\r\\nX-Injected: yes"); // JSON escapes: the token the client decodes has a line break
        GateException error =
                assertThrows(GateException.class, () -> client(registry.host()).getManifest("1"));
        assertEquals(GateException.Kind.OPERATIONAL, error.kind());
        assertTrue(error.getMessage().contains("a token with characters a token cannot have"), error.getMessage());
    }

    @Test
    void hugeListingPageIsCutAtTheCap() {
        registry.streamBody(e -> e.getRequestURI().getPath().endsWith("/tags/list"), 400L << 20, -1);
        GateException error = assertTimeoutPreemptively(
                BOUND,
                () -> assertThrows(
                        GateException.class, () -> client(registry.host()).tags()));
        assertEquals(GateException.Kind.OPERATIONAL, error.kind());
        assertTrue(error.getMessage().contains("larger than 4 MiB"), error.getMessage());
        assertTrue(registry.streamed.get() < 64L << 20, "stopped near the cap: " + registry.streamed.get());
    }

    static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
