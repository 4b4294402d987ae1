package dev.gate.image;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** Content addressed by a descriptor: a config, a layer, a manifest. */
public interface Blob {

    Descriptor descriptor();

    /** The stored bytes, exactly as the descriptor's digest covers them. */
    InputStream open() throws IOException;

    /**
     * Where the stored bytes lie whole in a local file, when they do (a blob of an OCI layout, a member of
     * an uncompressed tar). A destination that checks the digest itself, as a registry does for every blob
     * it receives, sends them from there as they are: no hashing here, and no copy through the heap.
     */
    default Optional<FileRegion> storedRegion() {
        return Optional.empty();
    }
}
