package dev.gate.image;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * Message digests updated on another thread, in the order the bytes came, while the thread that read them goes on
 * (parsing a tar, inflating a jar, sending a blob): on a machine with a spare core, hashing a layer no longer adds
 * to the time it takes to read it. Bytes are handed over in blocks of {@link #BLOCK} (a hand-over per small read
 * costs more in thread wake-ups than it saves), at most {@link #IN_FLIGHT} blocks wait, so the copies cost a bounded
 * amount of memory. Content known to be shorter than one block is hashed on the reading thread, as a hand-over would
 * not pay. Not thread-safe: one reader feeds it.
 */
public final class BackgroundDigests {

    static final int BLOCK = 1 << 20;
    static final int IN_FLIGHT = 4;
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(task, "gate-digests");
        t.setDaemon(true);
        return t;
    });

    private final MessageDigest[] digests;
    private final boolean inline;
    private final Semaphore room = new Semaphore(IN_FLIGHT);
    private byte[] block;
    private int filled;
    /** The last block handed over: each block's update runs after the one before it. */
    private CompletableFuture<Void> tail;

    /** {@code size}: how many bytes will come, when known (else -1). */
    public BackgroundDigests(long size, MessageDigest... digests) {
        this.digests = digests.clone();
        this.inline = size >= 0 && size < BLOCK;
    }

    public void update(byte b) throws IOException {
        update(new byte[] {b}, 0, 1);
    }

    public void update(byte[] b, int off, int len) throws IOException {
        if (inline) {
            for (MessageDigest digest : digests) {
                digest.update(b, off, len);
            }
            return;
        }
        while (len > 0) {
            if (block == null) {
                block = new byte[BLOCK];
            }
            int n = Math.min(len, BLOCK - filled);
            System.arraycopy(b, off, block, filled, n);
            filled += n;
            off += n;
            len -= n;
            if (filled == BLOCK) {
                handOver();
            }
        }
    }

    /** The digests of everything given, in the order of the constructor's; this object is spent afterwards. */
    public byte[][] finish() throws IOException {
        if (tail == null) {
            if (block != null) {
                hash(block, filled);
            }
        } else {
            handOver();
            try {
                tail.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while hashing");
            } catch (ExecutionException e) {
                throw new IOException("hashing failed: " + e.getCause(), e.getCause());
            }
        }
        byte[][] results = new byte[digests.length][];
        for (int i = 0; i < digests.length; i++) {
            results[i] = digests[i].digest();
        }
        return results;
    }

    private void handOver() throws IOException {
        if (filled == 0) {
            return;
        }
        byte[] full = block;
        int length = filled;
        try {
            room.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while hashing");
        }
        Runnable task = () -> {
            try {
                hash(full, length);
            } finally {
                room.release();
            }
        };
        tail = tail == null ? CompletableFuture.runAsync(task, THREADS) : tail.thenRunAsync(task, THREADS);
        block = null;
        filled = 0;
    }

    private void hash(byte[] bytes, int length) {
        for (MessageDigest digest : digests) {
            digest.update(bytes, 0, length);
        }
    }
}
