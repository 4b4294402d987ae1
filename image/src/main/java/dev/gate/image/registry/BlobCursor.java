package dev.gate.image.registry;

import dev.gate.image.VerifyingInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * A blob being uploaded, read once from start to end in large chunks. Request bodies are cut from
 * it at any offset: the common case continues where the last body stopped, and only after a failure
 * (when the registry may hold fewer bytes than were sent) is the content opened again and skipped
 * forward to the offset the registry reports.
 */
final class BlobCursor implements Closeable {

    /** Large reads keep the per-chunk cost of the HTTP client small next to the cost of the bytes. */
    static final int READ_SIZE = 1 << 20;

    private final Supplier<InputStream> opener;
    private final long size;
    private final LongConsumer progress;
    private volatile InputStream in;
    private volatile long position;
    private volatile IOException contentFailure;

    BlobCursor(Supplier<InputStream> opener, long size, LongConsumer progress) {
        this.opener = opener;
        this.size = size;
        this.progress = progress;
    }

    long size() {
        return size;
    }

    /**
     * A body of {@code length} bytes from {@code offset}. The last body of the blob also reads the
     * end of the stream, which is where the source checks the digest of what it gave.
     */
    HttpRequest.BodyPublisher body(long offset, long length) {
        return HttpRequest.BodyPublishers.fromPublisher(new Chunks(offset, length), length);
    }

    /** Set when reading the source failed (as opposed to the network), e.g. a digest mismatch. */
    IOException contentFailure() {
        return contentFailure;
    }

    private InputStream positionedAt(long offset) throws IOException {
        if (in == null || position != offset) {
            close();
            try {
                in = opener.get();
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            in.skipNBytes(offset);
            position = offset;
        }
        return in;
    }

    @Override
    public void close() {
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // only read from; nothing is lost
            }
            in = null;
        }
    }

    /** Emits the chunk's bytes on demand, one read at a time, serialised however requests arrive. */
    private final class Chunks implements Flow.Publisher<ByteBuffer> {
        private final long offset;
        private final long length;

        Chunks(long offset, long length) {
            this.offset = offset;
            this.length = length;
        }

        @Override
        public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
            subscriber.onSubscribe(new Flow.Subscription() {
                private final AtomicLong demand = new AtomicLong();
                private final AtomicInteger draining = new AtomicInteger();
                private long sent;
                private volatile boolean done;

                @Override
                public void request(long n) {
                    if (n <= 0) {
                        done = true;
                        subscriber.onError(new IllegalArgumentException("non-positive request " + n));
                        return;
                    }
                    demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
                    if (draining.getAndIncrement() != 0) {
                        return;
                    }
                    do {
                        while (!done && demand.get() > 0) {
                            emit();
                        }
                    } while (draining.decrementAndGet() != 0);
                }

                private void emit() {
                    try {
                        if (sent == length) {
                            done = true;
                            subscriber.onComplete();
                            return;
                        }
                        InputStream source = positionedAt(offset + sent);
                        byte[] bytes = source.readNBytes((int) Math.min(READ_SIZE, length - sent));
                        if (bytes.length == 0) {
                            throw new VerifyingInputStream.BlobMismatchException("blob ended after " + (offset + sent)
                                    + " of " + size + " bytes");
                        }
                        sent += bytes.length;
                        position += bytes.length;
                        if (position == size && source.read() != -1) {
                            throw new VerifyingInputStream.BlobMismatchException("blob is longer than " + size + " bytes");
                        }
                        demand.decrementAndGet();
                        progress.accept(position);
                        subscriber.onNext(ByteBuffer.wrap(bytes));
                    } catch (IOException e) {
                        done = true;
                        contentFailure = e;
                        position = -1;
                        subscriber.onError(e);
                    }
                }

                @Override
                public void cancel() {
                    done = true;
                }
            });
        }
    }
}
