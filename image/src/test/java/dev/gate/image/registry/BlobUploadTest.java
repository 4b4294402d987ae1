package dev.gate.image.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import dev.gate.errors.GateException;
import dev.gate.image.Descriptor;
import dev.gate.image.Digest;
import dev.gate.image.MediaTypes;
import dev.gate.image.Reference;
import dev.gate.image.VerifyingInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Whole and chunked blob uploads against the fake registry, through the faults real pushes meet. */
class BlobUploadTest {

    static final int SIZE = 3 * 1024 * 1024 + 17;

    FakeRegistry registry;
    byte[] content;
    Descriptor descriptor;

    @BeforeEach
    void start() throws Exception {
        registry = new FakeRegistry();
        content = new byte[SIZE];
        new Random(7).nextBytes(content);
        descriptor = Descriptor.of(MediaTypes.OCI_LAYER, Digest.sha256(content), content.length);
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    RegistryClient client(UploadSizes sizes) {
        RegistryOptions options = new RegistryOptions(Set.of(), 1, CredentialStore.none()).withUploads(sizes);
        return RegistryClient.open(Reference.parse(registry.host() + "/team/app"), options);
    }

    /** Sends {@code bytes} as the blob {@code descriptor}, the way the sources under test give them. */
    void send(RegistryClient client, byte[] bytes, LongConsumer progress) throws IOException {
        client.uploadBlob(descriptor, () -> VerifyingStream.of(bytes, descriptor), progress);
    }

    /** What the error says when the bytes sent do not match their digest. */
    String mismatchMessage() {
        return "has digest";
    }

    void upload(UploadSizes sizes) throws IOException {
        AtomicLong progress = new AtomicLong();
        send(client(sizes), content, progress::set);
        assertArrayEquals(content, registry.blobs.get(descriptor.digest().toString()));
        assertEquals(SIZE, progress.get(), "progress ends at the blob's size");
    }

    static Predicate<HttpExchange> method(String method) {
        return e -> e.getRequestMethod().equals(method)
                && e.getRequestURI().getPath().contains("/blobs/uploads/");
    }

    @Test
    void smallBlobGoesInOnePut() throws IOException {
        upload(UploadSizes.DEFAULT);
        assertEquals(0, registry.count("PATCH"));
        assertEquals(1, registry.count("PUT"));
    }

    @Test
    void configuredChunksArePatchedInOrderThenCommitted() throws IOException {
        upload(UploadSizes.chunked(1024 * 1024));
        assertEquals(4, registry.count("PATCH"), registry.requests.toString());
        assertTrue(registry.requests.get(registry.requests.size() - 1).startsWith("PUT /v2/team/app/blobs/uploads/"));
    }

    @Test
    void entityTooLargeOnAWholePutFallsBackToChunks() throws IOException {
        registry.fault(
                method("PUT").and(e -> !"0".equals(e.getRequestHeaders().getFirst("Content-Length"))),
                413,
                Map.of(),
                1);
        upload(new UploadSizes(1L << 30, 64L << 20, 1024 * 1024));
        assertEquals(4, registry.count("PATCH"), "8 MiB fallback chunks capped at 1 MiB here: " + registry.requests);
    }

    @Test
    void chunksShrinkWhileAProxyStillRefusesThem() throws IOException {
        java.util.List<Long> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
        registry.fault(
                method("PATCH")
                        .and(e -> sent.add(Long.parseLong(e.getRequestHeaders().getFirst("Content-Length"))) && false),
                413,
                Map.of(),
                100);
        registry.fault(
                method("PATCH")
                        .and(e -> Long.parseLong(e.getRequestHeaders().getFirst("Content-Length")) > 1024 * 1024),
                413,
                Map.of(),
                100);
        upload(UploadSizes.chunked(2 * 1024 * 1024));
        assertEquals(2L * 1024 * 1024, sent.get(0), "the first chunk is the configured size: " + sent);
        assertTrue(
                sent.stream().skip(1).allMatch(n -> n <= 1024 * 1024),
                "after the refusal, chunks the proxy takes: " + sent);
    }

    @Test
    void droppedConnectionInAChunkResumesFromWhatTheRegistryHolds() throws IOException {
        registry.fault(
                method("PATCH")
                        .and(e ->
                                e.getRequestHeaders().getFirst("Content-Range").startsWith("1048576-")),
                FakeRegistry.DROP_CONNECTION,
                Map.of(),
                1);
        upload(UploadSizes.chunked(1024 * 1024));
        assertEquals(1, registry.count("GET /v2/team/app/blobs/uploads/"), "asked the session for its range once");
        assertTrue(registry.requests.stream().anyMatch(r -> r.startsWith("PATCH")), registry.requests.toString());
    }

    @Test
    void droppedConnectionInAWholePutResumesInChunks() throws IOException {
        registry.fault(method("PUT"), FakeRegistry.DROP_CONNECTION, Map.of(), 1);
        upload(UploadSizes.DEFAULT);
        assertEquals(1, registry.count("GET /v2/team/app/blobs/uploads/"));
        assertEquals(1, registry.count("PATCH"), "the second half went as one chunk: " + registry.requests);
        assertEquals(1, registry.count("POST"), "same session, nothing sent twice from the start");
    }

    @Test
    void reChallengeInTheMiddleOfAChunkedUpload() throws IOException {
        registry.requireToken("first");
        registry.rotateToken(
                method("PATCH")
                        .and(e ->
                                e.getRequestHeaders().getFirst("Content-Range").startsWith("2097152-")),
                "second");
        upload(UploadSizes.chunked(1024 * 1024));
        assertEquals(2, registry.count("GET /token"), "one token, then a fresh one after the 401");
        assertTrue(registry.authorizations.contains("Bearer second"));
    }

    @Test
    void lostSessionStartsOver() throws IOException {
        registry.fault(
                method("PATCH")
                        .and(e ->
                                e.getRequestHeaders().getFirst("Content-Range").startsWith("1048576-")),
                FakeRegistry.DROP_CONNECTION,
                Map.of(),
                1);
        registry.fault(method("GET"), 404, Map.of(), 1);
        upload(UploadSizes.chunked(1024 * 1024));
        assertEquals(2, registry.count("POST"), "a new session after the registry forgot the first");
    }

    @Test
    void sourceThatDoesNotMatchItsDigestFailsAsInputWithoutCommitting() throws IOException {
        byte[] tampered = content.clone();
        tampered[SIZE - 1] ^= 1;
        GateException error = assertThrows(
                GateException.class, () -> send(client(UploadSizes.chunked(1024 * 1024)), tampered, done -> {}));
        assertEquals(GateException.Kind.INPUT, error.kind());
        assertTrue(error.getMessage().contains(mismatchMessage()), error.getMessage());
        assertFalse(registry.blobs.containsKey(descriptor.digest().toString()));
    }

    /** A source stream that checks its bytes, as every gate source does. */
    static final class VerifyingStream {
        static VerifyingInputStream of(byte[] bytes, Descriptor descriptor) {
            return new VerifyingInputStream(new ByteArrayInputStream(bytes), descriptor, "test");
        }
    }
}
