package dev.gate.image;

import java.io.IOException;
import java.io.InputStream;

/** Content addressed by a descriptor: a config, a layer, a manifest. */
public interface Blob {

    Descriptor descriptor();

    /** The stored bytes, exactly as the descriptor's digest covers them. */
    InputStream open() throws IOException;

    /**
     * The stored bytes for a destination that checks the digest itself (a registry verifies every
     * blob it receives and refuses a mismatch), so hashing them here as well would only cost CPU.
     * Sources whose bytes are cheap to read unchecked override this; others check as {@link #open()}.
     */
    default InputStream openForCheckingDestination() throws IOException {
        return open();
    }
}
