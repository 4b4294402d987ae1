package dev.gate.image.registry;

import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A request body whose every buffer handed to the connection counts as progress, and which
 * counts the buffers the connection asked for and has not got yet.
 */
final class WatchedPublisher implements HttpRequest.BodyPublisher {

    private final HttpRequest.BodyPublisher delegate;
    private final Runnable progress;
    private final AtomicLong bodyOwed;

    /** {@code bodyOwed}: buffers the connection asked for and has not got yet. */
    WatchedPublisher(HttpRequest.BodyPublisher delegate, Runnable progress, AtomicLong bodyOwed) {
        this.delegate = delegate;
        this.progress = progress;
        this.bodyOwed = bodyOwed;
    }

    @Override
    public long contentLength() {
        return delegate.contentLength();
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        delegate.subscribe(new Flow.Subscriber<ByteBuffer>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscriber.onSubscribe(new Flow.Subscription() {
                    @Override
                    public void request(long n) {
                        bodyOwed.getAndAccumulate(n, (owed, more) -> owed + more < 0 ? Long.MAX_VALUE : owed + more);
                        subscription.request(n);
                    }

                    @Override
                    public void cancel() {
                        bodyOwed.set(0);
                        subscription.cancel();
                    }
                });
            }

            @Override
            public void onNext(ByteBuffer item) {
                bodyOwed.decrementAndGet();
                progress.run();
                subscriber.onNext(item);
            }

            @Override
            public void onError(Throwable throwable) {
                bodyOwed.set(0);
                subscriber.onError(throwable);
            }

            @Override
            public void onComplete() {
                bodyOwed.set(0);
                progress.run();
                subscriber.onComplete();
            }
        });
    }
}
