package dev.gate.image;

import java.io.IOException;
import java.io.InputStream;

/** One filesystem layer of an image: a tar, stored compressed or not as its media type says. */
public interface Layer extends Blob {

    /** The layer's tar stream with any compression removed. */
    InputStream openUncompressed() throws IOException;
}
