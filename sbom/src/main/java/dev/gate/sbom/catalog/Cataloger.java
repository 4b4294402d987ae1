package dev.gate.sbom.catalog;

import java.io.IOException;
import java.io.InputStream;

/**
 * One ecosystem. Declares up front which files it needs (so the single pass over the layers keeps
 * only those) and then reads them from the squashed filesystem.
 */
public interface Cataloger {

    /** Decided from the tar header: path, declared size, mode bits. */
    boolean wants(String path, long size, int mode);

    /** The bytes to keep for a wanted file; by default all of them (within the per-file limit). */
    default byte[] capture(String path, InputStream content) throws IOException {
        return content.readAllBytes();
    }

    /**
     * As {@link #capture(String, InputStream)}, for a cataloger that does its reading while the layer streams
     * past and so must watch the image's time budget itself.
     */
    default byte[] capture(String path, InputStream content, CatalogDeadline deadline) throws IOException {
        return capture(path, content);
    }

    void catalog(CatalogContext context);
}
