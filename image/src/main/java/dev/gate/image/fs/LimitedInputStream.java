package dev.gate.image.fs;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;

/** Counts bytes read and fails once a budget shared across layers is spent (decompression bombs). */
final class LimitedInputStream extends FilterInputStream {

    /** Spent by the layers read side by side. */
    static final class Budget {
        private final AtomicLong remaining;

        Budget(long bytes) {
            this.remaining = new AtomicLong(bytes);
        }

        void spend(long bytes) throws LimitExceeded {
            if (remaining.addAndGet(-bytes) < 0) {
                throw new LimitExceeded();
            }
        }
    }

    static final class LimitExceeded extends IOException {
        LimitExceeded() {
            super("uncompressed size limit reached");
        }
    }

    private final Budget budget;

    LimitedInputStream(InputStream in, Budget budget) {
        super(in);
        this.budget = budget;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            budget.spend(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            budget.spend(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipping would let a bomb pass uncounted; read instead.
        byte[] scratch = new byte[(int) Math.min(8192, Math.max(n, 1))];
        int read = read(scratch, 0, (int) Math.min(scratch.length, n));
        return Math.max(read, 0);
    }
}
