package dev.gate.image;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes content through while hashing it, and fails at the end of the stream when the bytes do not match the
 * descriptor's digest and size: nothing read from a source is trusted unchecked. The digest is updated on the reading
 * thread: handing blocks to another thread was measured slower on two cores (copies, wake-ups, compiler work).
 */
public final class VerifyingInputStream extends FilterInputStream implements CheckedStream {

    /** {@code in} when it is checked already (a source that verifies its blobs), else {@code in} checked here. */
    public static InputStream checked(InputStream in, Descriptor expected, String origin) {
        return in instanceof CheckedStream ? in : new VerifyingInputStream(in, expected, origin);
    }

    private final Descriptor expected;
    private final String origin;
    private final java.security.MessageDigest hasher;
    private long count;
    private boolean checked;

    public VerifyingInputStream(InputStream in, Descriptor expected, String origin) {
        super(in);
        this.expected = expected;
        this.origin = origin;
        this.hasher = expected.digest().newHasher();
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b < 0) {
            check();
        } else {
            hasher.update((byte) b);
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n < 0) {
            check();
        } else {
            hasher.update(buffer, offset, n);
            count += n;
            if (count > expected.size()) {
                throw mismatch("is larger than the " + expected.size() + " bytes its descriptor declares");
            }
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] sink = new byte[(int) Math.min(n, 8192)];
        int read = read(sink, 0, sink.length);
        return Math.max(read, 0);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void check() throws IOException {
        if (checked) {
            return;
        }
        checked = true;
        if (count != expected.size()) {
            throw mismatch("has " + count + " bytes but its descriptor declares " + expected.size());
        }
        Digest actual = new Digest(
                expected.digest().algorithm(), java.util.HexFormat.of().formatHex(hasher.digest()));
        if (!actual.equals(expected.digest())) {
            throw mismatch("has digest " + actual);
        }
    }

    private IOException mismatch(String what) {
        return new BlobMismatchException(origin + ": blob " + expected.digest() + " " + what);
    }

    /** Content that does not match its digest or size: bad input, never retried. */
    public static final class BlobMismatchException extends IOException {
        public BlobMismatchException(String message) {
            super(message);
        }
    }
}
