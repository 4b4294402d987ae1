package dev.gate.image.registry;

import dev.gate.errors.GateException;
import dev.gate.image.Descriptor;
import dev.gate.image.VerifyingInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One blob upload session. Small blobs go in one PUT; large ones (or all, when a chunk size is
 * configured) as PATCH chunks with {@code Content-Range}. Whatever fails mid-way, the session is
 * asked how many bytes it holds and the upload continues from there; a 413 on a whole-blob PUT
 * (a proxy's body limit) switches to chunks, halving them while the proxy still refuses.
 */
final class BlobUpload {

    private static final Pattern RANGE = Pattern.compile("(?:bytes=)?0-(\\d+)");
    private static final long MIN_CHUNK = 256 * 1024;

    private final RegistryHttp http;
    private final URI uploads;
    private final Set<String> scopes;
    private final UploadSizes sizes;
    private final Descriptor descriptor;
    private final String what;
    private final BlobCursor cursor;
    private URI session;
    private long chunk;

    BlobUpload(
            RegistryHttp http,
            URI uploads,
            Set<String> scopes,
            UploadSizes sizes,
            Descriptor descriptor,
            String what,
            BlobCursor cursor) {
        this.http = http;
        this.uploads = uploads;
        this.scopes = scopes;
        this.sizes = sizes;
        this.descriptor = descriptor;
        this.what = what;
        this.cursor = cursor;
        this.chunk = sizes.chunkSize();
    }

    void run() {
        try (cursor) {
            session = start();
            if (descriptor.size() > sizes.monolithicLimit()) {
                chunks(0);
                return;
            }
            HttpResponse<byte[]> whole = attempt(() -> http.exchangeOnce(
                    scopes,
                    () -> HttpRequest.newBuilder(withDigest(session))
                            .header("Content-Type", "application/octet-stream")
                            .PUT(cursor.body(0, descriptor.size())),
                    CappedBody.upTo(CappedBody.SMALL)));
            if (whole != null && whole.statusCode() == 201) {
                return;
            }
            if (whole != null && whole.statusCode() == 413) {
                chunk = Math.min(chunk, sizes.chunkAfter413());
                session = start();
                chunks(0);
                return;
            }
            if (whole != null && !http.retry().retryable(whole.statusCode())) {
                throw RegistryErrors.of(what, whole);
            }
            resume(1);
        }
    }

    /** Sends the blob from {@code offset} as PATCH chunks, then commits it. */
    private void chunks(long offset) {
        int failures = 0;
        while (offset < descriptor.size()) {
            long from = offset;
            long length = Math.min(chunk, descriptor.size() - from);
            HttpResponse<byte[]> response = attempt(() -> http.exchangeOnce(
                    scopes,
                    () -> HttpRequest.newBuilder(session)
                            .header("Content-Type", "application/octet-stream")
                            .header("Content-Range", from + "-" + (from + length - 1))
                            .method("PATCH", cursor.body(from, length)),
                    CappedBody.upTo(CappedBody.SMALL)));
            if (response != null && response.statusCode() == 202) {
                follow(response);
                offset = acknowledged(response).orElse(from + length);
                failures = 0;
                continue;
            }
            if (response != null && response.statusCode() == 413 && chunk > MIN_CHUNK) {
                chunk = Math.max(MIN_CHUNK, chunk / 2);
            } else if (response != null
                    && response.statusCode() != 416
                    && !http.retry().retryable(response.statusCode())) {
                throw RegistryErrors.of(what, response);
            } else if (++failures >= http.retry().maxAttempts()) {
                throw GateException.operational(
                        what + ": " + http.registry() + " kept failing after " + failures + " attempts at byte " + from
                                + (response == null ? "" : " (HTTP " + response.statusCode() + ")"),
                        null);
            } else {
                RetryPolicy.sleep(http.retry().delay(failures, response));
            }
            offset = where();
        }
        commit();
    }

    /** After a failure: continue from what the session holds, or from the start in a new session. */
    private void resume(int failures) {
        RetryPolicy.sleep(http.retry().delay(failures, null));
        chunks(where());
    }

    private long where() {
        HttpResponse<byte[]> status = http.exchange(
                what, scopes, () -> HttpRequest.newBuilder(session).GET(), CappedBody.upTo(CappedBody.SMALL));
        if (status.statusCode() == 204 || status.statusCode() == 202) {
            follow(status);
            return acknowledged(status).orElse(0L);
        }
        session = start();
        return 0;
    }

    private void commit() {
        HttpResponse<byte[]> done = http.exchange(
                what,
                scopes,
                () -> HttpRequest.newBuilder(withDigest(session))
                        .header("Content-Type", "application/octet-stream")
                        .PUT(HttpRequest.BodyPublishers.noBody()),
                CappedBody.upTo(CappedBody.SMALL));
        if (done.statusCode() != 201) {
            throw RegistryErrors.of(what, done);
        }
    }

    /**
     * One request; null when the network failed (the registry may hold part of it). A failure to
     * read the source is bad input and ends the upload, unless the source is a registry that went
     * silent: that is an operational failure like any other timeout.
     */
    private HttpResponse<byte[]> attempt(Request request) {
        try {
            return request.send();
        } catch (IOException e) {
            IOException content = cursor.contentFailure();
            if (content instanceof VerifyingInputStream.BlobMismatchException) {
                throw GateException.input(what + ": " + content.getMessage());
            }
            if (content instanceof HttpTimeoutException) {
                throw GateException.operational(
                        what + ": the source stopped sending: " + content.getMessage(), content);
            }
            if (content != null) {
                throw GateException.input(what + ": cannot read the source: " + content.getMessage());
            }
            return null;
        }
    }

    private URI start() {
        HttpResponse<byte[]> response = http.exchange(
                what,
                scopes,
                () -> HttpRequest.newBuilder(uploads).POST(HttpRequest.BodyPublishers.noBody()),
                CappedBody.upTo(CappedBody.SMALL));
        if (response.statusCode() != 202) {
            throw RegistryErrors.of(what, response);
        }
        return location(response)
                .orElseThrow(() -> GateException.operational(what + ": registry gave no upload location", null));
    }

    private void follow(HttpResponse<?> response) {
        location(response).ifPresent(next -> session = next);
    }

    private static Optional<URI> location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").map(l -> Redirects.resolve(response.uri(), l));
    }

    /**
     * The registry's {@code Range: 0-N} header as the next offset, N+1. Distribution answers
     * {@code 0-0} for an empty session too; that reading (0) is taken, as a session holding exactly
     * one byte does not occur with whole-buffer writes.
     */
    private static Optional<Long> acknowledged(HttpResponse<?> response) {
        return response.headers().firstValue("Range").map(range -> {
            Matcher m = RANGE.matcher(range.strip());
            long end = m.matches() ? Long.parseLong(m.group(1)) : 0L;
            return end == 0 ? 0L : end + 1;
        });
    }

    private URI withDigest(URI location) {
        String separator = location.getRawQuery() == null ? "?" : "&";
        return URI.create(location + separator + "digest="
                + URLEncoder.encode(descriptor.digest().toString(), StandardCharsets.UTF_8));
    }

    @FunctionalInterface
    private interface Request {
        HttpResponse<byte[]> send() throws IOException;
    }
}
