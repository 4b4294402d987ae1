package dev.gate.image;

import java.util.List;

/** A single-platform image: one manifest, one config, its layers. */
public interface Image {

    /** The manifest's descriptor: media type, digest and size of {@link #rawManifest()}. */
    Descriptor descriptor();

    /** The manifest bytes exactly as stored; pushing them unchanged keeps the digest. */
    byte[] rawManifest();

    Blob config();

    List<Layer> layers();
}
