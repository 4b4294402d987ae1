package dev.gate.sbom.catalog;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * SHA-1 and SHA-256 of every byte read through it, so an archive's checksums come from the same pass that
 * reads its entries. The SHA-1 is what Maven Central and trivy's Java DB index jars by.
 * <p>
 * The digests are updated on one background thread, in the order the bytes were read, while the reading
 * thread goes on reading entries: a fat jar's bytes are checksummed twice (as the fat jar and as each nested jar),
 * and on the reading thread that doubled the time cataloging it takes. Bytes are handed over in blocks of
 * {@link #BLOCK} (a hand-over per read, 64 KiB or less, cost more in thread wake-ups than the digests saved),
 * and at most {@link #IN_FLIGHT} blocks wait for the digests, so the copies cost a bounded amount of memory.
 */
final class ChecksummingInputStream extends FilterInputStream {

    static final int BLOCK = 1 << 20;
    static final int IN_FLIGHT = 4;
    /** One thread for every archive: its queue keeps each archive's blocks in order. */
    private static final ExecutorService DIGESTS = Executors.newSingleThreadExecutor(task -> {
        Thread t = new Thread(task, "gate-jar-checksums");
        t.setDaemon(true);
        return t;
    });

    private final MessageDigest sha1;
    private final MessageDigest sha256;
    private final Semaphore room = new Semaphore(IN_FLIGHT);
    private byte[] block = new byte[BLOCK];
    private int filled;
    private Future<?> last;

    ChecksummingInputStream(InputStream in) {
        super(in);
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1 and SHA-256", e);
        }
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            digest(new byte[] {(byte) b}, 0, 1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            digest(b, off, n);
        }
        return n;
    }

    /** Skipped bytes would be missing from the checksums, so they are read instead. */
    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[(int) Math.min(8192, Math.max(n, 1))];
        long done = 0;
        while (done < n) {
            int read = read(buffer, 0, (int) Math.min(buffer.length, n - done));
            if (read < 0) {
                break;
            }
            done += read;
        }
        return done;
    }

    /** Reads what is left through the checksums, so they cover the whole archive. */
    void readToEnd(byte[] scratch) throws IOException {
        while (read(scratch, 0, scratch.length) >= 0) {
            // checksummed by read
        }
    }

    /** Hex SHA-1 and SHA-256 of everything read, once the background updates are done. */
    String[] hex() throws IOException {
        handOver();
        if (last != null) {
            try {
                last.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while checksumming");
            } catch (ExecutionException e) {
                throw new IOException("checksumming failed: " + e.getCause(), e.getCause());
            }
        }
        return new String[] {HexFormat.of().formatHex(sha1.digest()), HexFormat.of().formatHex(sha256.digest())};
    }

    private void digest(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
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

    /** Queues the bytes gathered so far for the digests and starts a new block. */
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
            throw new InterruptedIOException("interrupted while checksumming");
        }
        last = DIGESTS.submit(() -> {
            try {
                sha1.update(full, 0, length);
                sha256.update(full, 0, length);
            } finally {
                room.release();
            }
        });
        block = new byte[BLOCK];
        filled = 0;
    }
}
