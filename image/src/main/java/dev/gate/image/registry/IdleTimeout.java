package dev.gate.image.registry;

import dev.gate.image.SafeText;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds one exchange in time without bounding its size: it fails once nothing has moved for the
 * timeout, no byte of the request sent and no header or byte of the answer received. A slow but
 * steady transfer of a large blob goes on; a registry that accepts the connection and goes quiet
 * ends the run instead of hanging a CI job. {@link HttpRequest#timeout()} cannot do this: it
 * covers an upload's whole body but not the download of the answer's.
 * The clock also stands still while gate itself is the slow side: a streamed answer waiting for its
 * reader (busy with the bytes it has), or a request body the connection asked for that its source
 * (another registry, say) has not produced yet; that source has its own clock.
 */
final class IdleTimeout {

    private static final ScheduledExecutorService CLOCK = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "gate-registry-timeout");
        thread.setDaemon(true);
        return thread;
    });

    private final Duration limit;
    private final String peer;
    private volatile long lastProgress = System.nanoTime();
    private volatile boolean readerAway;
    private final AtomicLong bodyOwed = new AtomicLong();
    private volatile boolean expired;
    private volatile CompletableFuture<?> exchange;
    private volatile Watched<?> answer;
    private volatile ScheduledFuture<?> clock;

    private IdleTimeout(Duration limit, String peer) {
        this.limit = limit;
        this.peer = peer;
    }

    /** Sends {@code request}; an exchange (or later, a streamed body) that stalls for {@code limit} fails. */
    static <T> HttpResponse<T> send(
            HttpClient client, HttpRequest request, HttpResponse.BodyHandler<T> handler, Duration limit)
            throws IOException {
        URI uri = request.uri();
        IdleTimeout watch = new IdleTimeout(limit, uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : ""));
        long period = Math.max(10, Math.min(1000, limit.toMillis() / 4));
        watch.clock = CLOCK.scheduleAtFixedRate(watch::check, period, period, TimeUnit.MILLISECONDS);
        CompletableFuture<HttpResponse<T>> pending = client.sendAsync(watch.watched(request), info -> {
            watch.progress();
            Watched<T> body = watch.new Watched<>(handler.apply(info));
            watch.answer = body;
            return body;
        });
        watch.exchange = pending;
        if (watch.expired) {
            pending.cancel(true);
        }
        try {
            return pending.get();
        } catch (CancellationException e) {
            throw watch.timeout();
        } catch (ExecutionException e) {
            watch.stop();
            if (watch.expired) {
                throw watch.timeout();
            }
            Throwable cause = e.getCause();
            while (cause instanceof CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(cause);
        } catch (InterruptedException e) {
            watch.stop();
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private void progress() {
        lastProgress = System.nanoTime();
    }

    private void stop() {
        ScheduledFuture<?> running = clock;
        if (running != null) {
            running.cancel(false);
        }
    }

    private void check() {
        if (readerAway || bodyOwed.get() > 0 || expired || System.nanoTime() - lastProgress < limit.toNanos()) {
            return;
        }
        expired = true;
        stop();
        Watched<?> body = answer;
        if (body != null) {
            body.expire(timeout());
        }
        CompletableFuture<?> pending = exchange;
        if (pending != null) {
            pending.cancel(true);
        }
    }

    private HttpTimeoutException timeout() {
        return new HttpTimeoutException("no answer from " + SafeText.quoted(peer) + " for " + describe(limit));
    }

    static String describe(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private HttpRequest watched(HttpRequest request) {
        Optional<HttpRequest.BodyPublisher> body = request.bodyPublisher();
        if (body.isEmpty() || body.get().contentLength() == 0) {
            return request;
        }
        return HttpRequest.newBuilder(request, (name, value) -> true)
                .method(request.method(), new WatchedPublisher(body.get(), this::progress, bodyOwed))
                .build();
    }

    /** The answer's body: its bytes count as progress, and it can be ended when the clock runs out. */
    private final class Watched<T> implements HttpResponse.BodySubscriber<T> {
        private final HttpResponse.BodySubscriber<T> delegate;
        private final AtomicBoolean ended = new AtomicBoolean();
        private volatile Flow.Subscription subscription;

        Watched(HttpResponse.BodySubscriber<T> delegate) {
            this.delegate = delegate;
        }

        @Override
        @SuppressWarnings("unchecked")
        public CompletionStage<T> getBody() {
            return delegate.getBody()
                    .thenApply(body -> body instanceof InputStream stream ? (T) new WatchedStream(stream) : body);
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            delegate.onSubscribe(s);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            progress();
            if (!ended.get()) {
                delegate.onNext(items);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            if (ended.compareAndSet(false, true)) {
                stop();
                delegate.onError(throwable);
            }
        }

        @Override
        public void onComplete() {
            if (ended.compareAndSet(false, true)) {
                stop();
                delegate.onComplete();
            }
        }

        void expire(IOException why) {
            Flow.Subscription s = subscription;
            if (s != null && ended.compareAndSet(false, true)) {
                s.cancel();
                delegate.onError(why);
            }
        }
    }

    /** A streamed body: the clock runs only while a read waits for bytes. */
    private final class WatchedStream extends FilterInputStream {

        WatchedStream(InputStream in) {
            super(in);
            readerAway = true;
        }

        @Override
        public int read() throws IOException {
            waiting();
            try {
                return super.read();
            } catch (IOException e) {
                throw expiredOr(e);
            } finally {
                away();
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            waiting();
            try {
                return super.read(buffer, offset, length);
            } catch (IOException e) {
                throw expiredOr(e);
            } finally {
                away();
            }
        }

        /** The stream ends with whatever message the client chose once cancelled; say why instead. */
        private IOException expiredOr(IOException e) {
            if (!expired) {
                return e;
            }
            IOException why = timeout();
            why.initCause(e);
            return why;
        }

        private void waiting() {
            progress();
            readerAway = false;
        }

        private void away() {
            readerAway = true;
            progress();
        }

        @Override
        public void close() throws IOException {
            stop();
            super.close();
        }
    }
}
