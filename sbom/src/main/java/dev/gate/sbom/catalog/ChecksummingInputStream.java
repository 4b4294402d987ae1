package dev.gate.sbom.catalog;

import dev.gate.image.BackgroundDigests;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-1 and SHA-256 of every byte read through it, so an archive's checksums come from the same pass that
 * reads its entries. The SHA-1 is what Maven Central and trivy's Java DB index jars by. The digests are updated
 * on another thread ({@link BackgroundDigests}): a fat jar's bytes are checksummed twice (as the fat jar and as
 * each nested jar), and on the reading thread that doubled the time cataloging it takes.
 */
final class ChecksummingInputStream extends FilterInputStream {

    private final BackgroundDigests digests;

    ChecksummingInputStream(InputStream in) {
        super(in);
        try {
            digests = new BackgroundDigests(-1, MessageDigest.getInstance("SHA-1"), MessageDigest.getInstance("SHA-256"));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1 and SHA-256", e);
        }
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            digests.update((byte) b);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            digests.update(b, off, n);
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

    /** Hex SHA-1 and SHA-256 of everything read. */
    String[] hex() throws IOException {
        byte[][] done = digests.finish();
        return new String[] {HexFormat.of().formatHex(done[0]), HexFormat.of().formatHex(done[1])};
    }
}
