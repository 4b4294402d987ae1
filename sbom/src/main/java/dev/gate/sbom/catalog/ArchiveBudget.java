package dev.gate.sbom.catalog;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * What reading one top-level Java archive, with everything nested in it, may cost: inflated bytes, bytes of
 * metadata and names kept, nested archives opened, and problems listed. One budget serves all levels, so nesting
 * cannot multiply it; spending the inflation budget stops the whole archive ({@link Stopped}), the others skip one
 * entry and say so.
 */
final class ArchiveBudget {

    private final List<String> problems = new ArrayList<>();
    private int problemsLeftOut;
    private long inflated;
    private long kept;
    private int nestedArchives;

    /** An entry's content, counting every byte inflated out of it against {@link JarReader#MAX_INFLATED}. */
    InputStream counted(InputStream entry) {
        return new FilterInputStream(entry) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    charge(1);
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    charge(n);
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                long skipped = super.skip(n);
                charge(skipped);
                return skipped;
            }
        };
    }

    private void charge(long n) throws Stopped {
        inflated += n;
        if (inflated > JarReader.MAX_INFLATED) {
            throw new Stopped("stopped after " + JarReader.MAX_INFLATED
                    + " inflated bytes (zip bomb?); the rest of the archive is not read");
        }
    }

    boolean keep(long bytes) {
        if (kept + bytes > JarReader.MAX_KEPT) {
            return false;
        }
        kept += bytes;
        return true;
    }

    /** Counts one more nested archive; false once {@link JarReader#MAX_NESTED_ARCHIVES} have been opened. */
    boolean anotherNestedArchive() {
        return ++nestedArchives <= JarReader.MAX_NESTED_ARCHIVES;
    }

    void problem(String text) {
        if (problems.size() < JarReader.MAX_PROBLEMS) {
            problems.add(text);
        } else {
            problemsLeftOut++;
        }
    }

    /** The problems listed, and a line counting those left out. */
    List<String> problems() {
        List<String> all = new ArrayList<>(problems);
        if (problemsLeftOut > 0) {
            all.add(problemsLeftOut + " more problems in this archive not listed");
        }
        return all;
    }

    /** A bound that ends the reading of the whole top-level archive, not just of one nested archive. */
    static final class Stopped extends IOException {
        Stopped(String message) {
            super(message);
        }
    }
}
