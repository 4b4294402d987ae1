package dev.gate.sbom.catalog;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-1 and SHA-256 of every byte read through it, so an archive's checksums come from the same pass that
 * reads its entries. The SHA-1 is what Maven Central and trivy's Java DB index jars by. Updated on the reading
 * thread: entries that are not read are passed over without inflating them, so hashing no longer waits on
 * inflation, and a second thread was measured slower on two cores.
 */
final class ChecksummingInputStream extends FilterInputStream {

    private final MessageDigest sha1;
    private final MessageDigest sha256;

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
            sha1.update((byte) b);
            sha256.update((byte) b);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            sha1.update(b, off, n);
            sha256.update(b, off, n);
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
    String[] hex() {
        return new String[] {
            HexFormat.of().formatHex(sha1.digest()), HexFormat.of().formatHex(sha256.digest())
        };
    }
}
