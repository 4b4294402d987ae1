package dev.gate.image.fs;

import java.io.IOException;
import java.io.InputStream;

/**
 * Chosen before the pass over the layers: which files' bytes to keep, and in what form. A capture
 * may keep a reduced form (a Go binary's build-info blob rather than the whole binary), which is
 * what keeps memory bounded on large images.
 */
public interface ContentCapture {

    /** Decided from the tar header alone, before any content is read. */
    boolean wants(String path, long declaredSize, int mode);

    /**
     * Reads what it needs from {@code content} (already limited to the per-file maximum) and
     * returns the bytes to keep, or null to keep nothing.
     */
    byte[] capture(String path, InputStream content) throws IOException;

    /** A capture that keeps nothing. */
    static ContentCapture none() {
        return new ContentCapture() {
            @Override
            public boolean wants(String path, long declaredSize, int mode) {
                return false;
            }

            @Override
            public byte[] capture(String path, InputStream content) {
                return null;
            }
        };
    }
}
