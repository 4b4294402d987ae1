package dev.gate.image.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.errors.GateException;
import dev.gate.image.Artifact;
import dev.gate.image.Reference;
import dev.gate.image.layout.LayoutSource;
import dev.gate.image.testing.SampleLayout;
import dev.gate.image.transport.PushListener;
import dev.gate.image.transport.PushReport;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RegistrySinkTest {

    static final Path SAMPLE = Path.of(System.getProperty("gate.root", "..")).resolve("testdata/sample");
    static final RegistryOptions OPTIONS = new RegistryOptions(Set.of(), 4, CredentialStore.none());

    FakeRegistry registry;
    Artifact sample;

    @BeforeEach
    void start() throws Exception {
        registry = new FakeRegistry();
        sample = new LayoutSource(SAMPLE, "1.0.0").resolve();
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    PushReport push(String repositoryAndTag) {
        return new RegistrySink(Reference.parse(registry.host() + "/" + repositoryAndTag), OPTIONS)
                .write(sample, PushListener.NONE);
    }

    @Test
    void pushesExactBytesByDigestThenTag() {
        PushReport report = push("team/app:1.0.0");
        assertEquals(sample.descriptor().digest(), report.root().digest());
        String byDigest = "/v2/team/app/manifests/" + sample.descriptor().digest();
        assertArrayEquals(sample.raw(), registry.manifests.get(byDigest));
        assertEquals(sample.descriptor().mediaType(), registry.manifestTypes.get(byDigest));
        List<String> puts = registry.requests.stream()
                .filter(r -> r.startsWith("PUT /v2/team/app/manifests/"))
                .toList();
        assertEquals(
                List.of("PUT " + byDigest, "PUT /v2/team/app/manifests/1.0.0"),
                puts,
                "manifest by digest first, tag last");
        assertEquals("PUT /v2/team/app/manifests/1.0.0", registry.requests.get(registry.requests.size() - 1));
    }

    @Test
    void secondPushUploadsNothing() {
        push("team/app:1.0.0");
        long uploadsBefore = registry.count("POST");
        PushReport again = push("team/app:1.0.0");
        assertEquals(uploadsBefore, registry.count("POST"));
        assertTrue(again.blobs().stream().allMatch(b -> b.outcome() == PushListener.Outcome.SKIPPED_EXISTING));
    }

    @Test
    void retriesRateLimitsAndServerErrors() {
        registry.fault(e -> e.getRequestMethod().equals("POST"), 429, Map.of("Retry-After", "1"), 1);
        registry.fault(
                e -> e.getRequestMethod().equals("PUT")
                        && e.getRequestURI().getPath().contains("/blobs/"),
                503,
                Map.of(),
                2);
        long start = System.nanoTime();
        PushReport report = push("team/app:1.0.0");
        assertTrue(System.nanoTime() - start >= 900_000_000L, "Retry-After: 1 was honoured");
        assertEquals(2, registry.blobs.size());
        assertEquals(sample.descriptor().digest(), report.root().digest());
    }

    @Test
    void failureBeforeTheTagLeavesNoTag() {
        registry.fault(
                e -> e.getRequestMethod().equals("PUT")
                        && e.getRequestURI().getPath().contains("/manifests/sha256:"),
                500,
                Map.of(),
                100);
        GateException error = assertThrows(GateException.class, () -> push("team/app:1.0.0"));
        assertEquals(GateException.Kind.OPERATIONAL, error.kind());
        assertFalse(registry.manifests.containsKey("/v2/team/app/manifests/1.0.0"), "no tag after a failed push");
    }

    @Test
    void rerunAfterFailureCompletes() {
        registry.fault(
                e -> e.getRequestMethod().equals("PUT")
                        && e.getRequestURI().getPath().contains("/manifests/sha256:"),
                500,
                Map.of(),
                5);
        assertThrows(GateException.class, () -> push("team/app:1.0.0"));
        PushReport rerun = push("team/app:1.0.0");
        assertTrue(rerun.blobs().stream().allMatch(b -> b.outcome() == PushListener.Outcome.SKIPPED_EXISTING));
        assertArrayEquals(sample.raw(), registry.manifests.get("/v2/team/app/manifests/1.0.0"));
    }

    @Test
    void bearerTokenIsFetchedAndSent() {
        registry.requireToken("t0ken");
        push("team/app:1.0.0");
        assertTrue(
                registry.requests.stream()
                        .anyMatch(r ->
                                r.startsWith("GET /token?service=fake&scope=repository%3Ateam%2Fapp%3Apull%2Cpush")),
                registry.requests.toString());
        assertTrue(registry.authorizations.contains("Bearer t0ken"));
    }

    @Test
    void redirectToAnotherOriginDropsAuthorization() throws Exception {
        push("team/app:1.0.0");
        try (FakeRegistry storage = new FakeRegistry()) {
            String layer = sample.descriptor().digest().toString();
            registry.blobs.forEach(storage.blobs::put);
            registry.fault(
                    e -> e.getRequestMethod().equals("GET")
                            && e.getRequestURI().getPath().contains("/blobs/"),
                    307,
                    Map.of(
                            "Location",
                            "http://" + storage.host() + "/v2/team/app/blobs/"
                                    + registry.blobs.keySet().iterator().next()),
                    1);
            registry.requireToken("secret-token");
            RegistrySource source = RegistrySource.open(Reference.parse(registry.host() + "/team/app:1.0.0"), OPTIONS);
            Artifact pulled = source.resolve();
            assertEquals(layer, pulled.descriptor().digest().toString());
            try (InputStream in = ((Artifact.Single) pulled).image().config().open()) {
                in.readAllBytes();
            }
            assertTrue(storage.requests.size() >= 1, "the redirect was followed");
            assertTrue(
                    storage.authorizations.stream().allMatch(String::isEmpty),
                    "no Authorization sent to another origin");
        }
    }

    @Test
    void deniedIsExplained() {
        registry.fault(e -> e.getRequestMethod().equals("POST"), 403, Map.of(), 100);
        GateException error = assertThrows(GateException.class, () -> push("team/app:1.0.0"));
        assertTrue(
                error.getMessage().contains("denied: requested access to the resource is denied"), error.getMessage());
    }

    @Test
    void corruptLayerIsRefusedByTheRegistryAndReportedAsBadInput(@org.junit.jupiter.api.io.TempDir Path temp)
            throws Exception {
        Path copy = SampleLayout.copyTo(temp.resolve("layout"));
        var layer = ((Artifact.Single) sample).image().layers().get(0).descriptor();
        Path blob = copy.resolve("blobs/sha256/" + layer.digest().hex());
        blob.toFile().setWritable(true);
        byte[] bytes = java.nio.file.Files.readAllBytes(blob);
        bytes[bytes.length / 2] ^= 1;
        java.nio.file.Files.write(blob, bytes);

        Artifact corrupt = new LayoutSource(copy, "1.0.0").resolve();
        GateException error = assertThrows(
                GateException.class,
                () -> new RegistrySink(Reference.parse(registry.host() + "/team/app:1.0.0"), OPTIONS)
                        .write(corrupt, PushListener.NONE));
        assertEquals(GateException.Kind.INPUT, error.kind());
        assertTrue(error.getMessage().contains("do not match their digest"), error.getMessage());
        assertTrue(error.getMessage().contains(layer.digest().toString()), error.getMessage());
        assertFalse(registry.blobs.containsKey(layer.digest().toString()));
        assertFalse(registry.manifests.containsKey("/v2/team/app/manifests/1.0.0"), "no tag");
    }

    @Test
    void layerFileOfAnotherSizeThanItsDescriptorIsBadInput(@org.junit.jupiter.api.io.TempDir Path temp)
            throws Exception {
        Path copy = SampleLayout.copyTo(temp.resolve("layout"));
        var layer = ((Artifact.Single) sample).image().layers().get(0).descriptor();
        Path blob = copy.resolve("blobs/sha256/" + layer.digest().hex());
        blob.toFile().setWritable(true);
        java.nio.file.Files.write(blob, new byte[] {0}, java.nio.file.StandardOpenOption.APPEND);

        Artifact longer = new LayoutSource(copy, "1.0.0").resolve();
        GateException error = assertThrows(
                GateException.class,
                () -> new RegistrySink(Reference.parse(registry.host() + "/team/app:1.0.0"), OPTIONS)
                        .write(longer, PushListener.NONE));
        assertEquals(GateException.Kind.INPUT, error.kind());
        assertTrue(
                error.getMessage()
                        .contains("blob " + layer.digest() + " is " + (layer.size() + 1)
                                + " bytes, its descriptor says " + layer.size()),
                error.getMessage());
        assertFalse(registry.blobs.containsKey(layer.digest().toString()));
        assertFalse(registry.manifests.containsKey("/v2/team/app/manifests/1.0.0"), "no tag");
    }

    @Test
    void unreachableRegistryIsOperational() {
        int port = registryPortThatIsClosed();
        GateException error = assertThrows(
                GateException.class,
                () -> new RegistrySink(Reference.parse("127.0.0.1:" + port + "/a/b:1"), OPTIONS)
                        .write(sample, PushListener.NONE));
        assertEquals(GateException.Kind.OPERATIONAL, error.kind());
        assertTrue(error.getMessage().contains("unreachable"), error.getMessage());
    }

    private static int registryPortThatIsClosed() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
