package dev.gate.image.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read into memory up to a limit. Past the limit the subscription is cancelled
 * and the exchange fails at once, so a registry that streams a 400 MiB "manifest" costs at most
 * the limit and one network buffer of heap, never the whole body.
 */
final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {

    /** Distribution refuses manifests over 4 MiB; indexes and the referrers index are manifests too. */
    static final int MANIFEST = 4 << 20;
    /** One page of {@code tags/list} or {@code _catalog}. */
    static final int LISTING_PAGE = 4 << 20;
    /** A token service's answer: a token or two and their lifetimes. */
    static final int TOKEN = 1 << 20;
    /** Answers that carry no content gate needs, only an error document at most. */
    static final int SMALL = 64 << 10;

    /** The body went past its limit. */
    static final class TooLarge extends IOException {
        TooLarge(long limit) {
            super("the answer is larger than " + readable(limit) + ", more than gate accepts for it");
        }
    }

    private final int limit;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private Flow.Subscription subscription;

    private CappedBody(int limit) {
        this.limit = limit;
    }

    static HttpResponse.BodyHandler<byte[]> upTo(int limit) {
        return info -> new CappedBody(limit);
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (body.isDone()) {
            return;
        }
        for (ByteBuffer buffer : buffers) {
            if (buffer.remaining() > limit - received.size()) {
                subscription.cancel();
                body.completeExceptionally(new TooLarge(limit));
                return;
            }
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            received.writeBytes(bytes);
        }
    }

    @Override
    public void onError(Throwable throwable) {
        body.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        body.complete(received.toByteArray());
    }

    static String readable(long bytes) {
        return bytes >= 1 << 20 && bytes % (1 << 20) == 0
                ? (bytes >> 20) + " MiB"
                : bytes >= 1 << 10 && bytes % (1 << 10) == 0 ? (bytes >> 10) + " KiB" : bytes + " bytes";
    }
}
