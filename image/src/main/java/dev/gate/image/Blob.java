package dev.gate.image;

import java.io.IOException;
import java.io.InputStream;

/** Content addressed by a descriptor: a config, a layer, a manifest. */
public interface Blob {

    Descriptor descriptor();

    /** The stored bytes, exactly as the descriptor's digest covers them. */
    InputStream open() throws IOException;
}
