package dev.gate.image.registry;

import dev.gate.image.FileRegion;
import dev.gate.image.VerifyingInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * A blob being uploaded, read from start to end in large pieces. Request bodies are cut from it at any
 * offset: the common case continues where the last body stopped, and only after a failure (when the
 * registry may hold fewer bytes than were sent) is the content read again from the offset the registry
 * reports.
 */
final class BlobCursor implements Closeable {

    /** Large pieces keep the per-piece cost of the HTTP client small next to the cost of the bytes. */
    static final int READ_SIZE = 1 << 20;

    private final Content content;
    private final LongConsumer progress;
    private volatile Chunks latest;

    private BlobCursor(Content content, LongConsumer progress) {
        this.content = content;
        this.progress = progress;
    }

    /** A blob whose bytes {@code opener} streams, afresh each time it is called. */
    static BlobCursor of(Supplier<InputStream> opener, long size, LongConsumer progress) {
        return new BlobCursor(new StreamContent(opener, size), progress);
    }

    /** A blob whose bytes lie in a local file. */
    static BlobCursor of(FileRegion region, LongConsumer progress) {
        return of(region, FileContent.WINDOW, progress);
    }

    /** A blob whose bytes lie in a local file, mapped at most {@code window} bytes at a time. */
    static BlobCursor of(FileRegion region, long window, LongConsumer progress) {
        return new BlobCursor(new FileContent(region, window), progress);
    }

    /**
     * A body of {@code length} bytes from {@code offset}. The last body of the blob also reads the
     * end of the stream, which is where the source checks the digest of what it gave.
     */
    HttpRequest.BodyPublisher body(long offset, long length) {
        Chunks chunks = new Chunks(offset, length);
        latest = chunks;
        return HttpRequest.BodyPublishers.fromPublisher(chunks, length);
    }

    /**
     * Set when reading the source for the latest body failed (as opposed to the network), e.g. a
     * digest mismatch. An earlier body's read that fails because a retry closed its stream under it
     * is not the source's failure.
     */
    IOException contentFailure() {
        Chunks current = latest;
        return current == null ? null : current.failure;
    }

    @Override
    public void close() {
        content.close();
    }

    private static void closeQuietly(Closeable source) {
        if (source != null) {
            try {
                source.close();
            } catch (IOException ignored) {
                // only read from; nothing is lost
            }
        }
    }

    /** Where the bytes come from: a read of up to {@code max} bytes at {@code offset}, never empty. */
    private interface Content extends Closeable {
        ByteBuffer read(long offset, int max) throws IOException;

        @Override
        void close();
    }

    /**
     * Bytes from a stream, read into fresh arrays (the HTTP client keeps a buffer until it is written).
     * A read at another offset than the last one ended at opens the stream again.
     */
    private static final class StreamContent implements Content {
        private final Supplier<InputStream> opener;
        private final long size;
        // Volatile: successive pieces may be read on different threads of the HTTP client.
        private volatile InputStream in;
        private volatile long position = -1;

        StreamContent(Supplier<InputStream> opener, long size) {
            this.opener = opener;
            this.size = size;
        }

        @Override
        public ByteBuffer read(long offset, int max) throws IOException {
            if (in == null || position != offset) {
                close();
                try {
                    in = opener.get();
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
                in.skipNBytes(offset);
            }
            position = -1;
            byte[] bytes = new byte[max];
            int read = in.readNBytes(bytes, 0, max);
            if (read == 0) {
                throw new VerifyingInputStream.BlobMismatchException(
                        "blob ended after " + offset + " of " + size + " bytes");
            }
            if (offset + read == size && in.read() != -1) {
                throw new VerifyingInputStream.BlobMismatchException("blob is longer than " + size + " bytes");
            }
            position = offset + read;
            return ByteBuffer.wrap(bytes, 0, read);
        }

        @Override
        public void close() {
            closeQuietly(in);
            in = null;
        }
    }

    /**
     * Bytes mapped from a file, a window at a time: the socket is written straight from the page cache,
     * without copying the blob into the heap and from there into a native buffer.
     */
    private static final class FileContent implements Content {
        private static final long WINDOW = 64L << 20;

        private final FileRegion region;
        private final long windowSize;
        private volatile FileChannel channel;
        private volatile ByteBuffer window;
        private volatile long windowStart;

        FileContent(FileRegion region, long windowSize) {
            this.region = region;
            this.windowSize = windowSize;
        }

        @Override
        public ByteBuffer read(long offset, int max) throws IOException {
            if (channel == null) {
                channel = FileChannel.open(region.file(), StandardOpenOption.READ);
                if (channel.size() < region.offset() + region.length()) {
                    throw new VerifyingInputStream.BlobMismatchException(
                            region.file() + ": ends before the blob's " + region.length() + " bytes");
                }
            }
            if (window == null || offset < windowStart || offset >= windowStart + window.capacity()) {
                windowStart = offset;
                window = channel.map(
                        FileChannel.MapMode.READ_ONLY,
                        region.offset() + offset,
                        Math.min(windowSize, region.length() - offset));
            }
            int from = (int) (offset - windowStart);
            return window.slice(from, Math.min(max, window.capacity() - from));
        }

        @Override
        public void close() {
            closeQuietly(channel);
            channel = null;
        }
    }

    /** Emits the chunk's bytes on demand, one read at a time, serialised however requests arrive. */
    private final class Chunks implements Flow.Publisher<ByteBuffer> {
        private final long offset;
        private final long length;
        private volatile IOException failure;

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
                        ByteBuffer bytes = content.read(offset + sent, (int) Math.min(READ_SIZE, length - sent));
                        sent += bytes.remaining();
                        demand.decrementAndGet();
                        progress.accept(offset + sent);
                        subscriber.onNext(bytes);
                    } catch (IOException e) {
                        done = true;
                        failure = e;
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
