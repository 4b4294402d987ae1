package dev.gate.image.store;

import dev.gate.image.CheckedStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Passes a verified stream through while writing it to {@code partial}; at the end of the stream, once the source has
 * checked the digest, the copy becomes {@code done}. A stream closed before its end leaves nothing behind. Checked as
 * its source is, so a reader (the squasher) does not hash the same bytes a second time.
 */
final class SpoolingInputStream extends FilterInputStream implements CheckedStream {

    private final Path partial;
    private final Path done;
    private final OutputStream copy;
    private boolean finished;

    SpoolingInputStream(InputStream verified, Path partial, Path done) throws IOException {
        // Only a checked source may make this stream count as checked.
        super(requireChecked(verified));
        this.partial = partial;
        this.done = done;
        this.copy = Files.newOutputStream(partial);
    }

    private static InputStream requireChecked(InputStream verified) {
        if (!(verified instanceof CheckedStream)) {
            throw new IllegalArgumentException("a spooled stream must come from a checked one");
        }
        return verified;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n < 0) {
            finish();
        } else {
            copy.write(buffer, offset, n);
        }
        return n;
    }

    /** Skipped bytes still belong in the copy, so they are read. */
    @Override
    public long skip(long n) throws IOException {
        byte[] sink = new byte[(int) Math.min(Math.max(n, 0), 8192)];
        return Math.max(read(sink, 0, sink.length), 0);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void finish() throws IOException {
        if (!finished) {
            finished = true;
            copy.close();
            // Another reader of the same blob may have finished first: its copy has the same verified bytes.
            Files.move(partial, done, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            super.close();
        } finally {
            copy.close();
            if (!finished) {
                Files.deleteIfExists(partial);
            }
        }
    }
}
