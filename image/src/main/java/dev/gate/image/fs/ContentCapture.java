package dev.gate.image.fs;

import java.io.IOException;
import java.io.InputStream;

/**
 * Chosen before the pass over the layers: which files' bytes to keep, and in what form. A capture
 * may keep a reduced form (a Go binary's build-info blob rather than the whole binary), which is
 * what keeps memory bounded on large images. Layers are read side by side, so a capture is asked
 * from several threads at once and keeps no state between its answers.
 */
@FunctionalInterface
public interface ContentCapture {

    /** How to keep a file's bytes, decided from its tar header alone, before any content is read; null keeps nothing. */
    Keeper keeperOf(String path, long declaredSize, int mode);

    /** Reads what it needs of one file. */
    @FunctionalInterface
    interface Keeper {
        /**
         * Reads what it needs from {@code content} (already limited to the per-file maximum) and returns the bytes
         * to keep, or null to keep nothing.
         */
        byte[] keep(InputStream content) throws IOException;
    }

    /** Keeps every byte of every file (within the limits). */
    Keeper WHOLE = InputStream::readAllBytes;

    /** A capture that keeps nothing. */
    static ContentCapture none() {
        return (path, declaredSize, mode) -> null;
    }

    /** A capture that keeps every file whole. */
    static ContentCapture everything() {
        return (path, declaredSize, mode) -> WHOLE;
    }
}
