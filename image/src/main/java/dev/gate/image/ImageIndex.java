package dev.gate.image;

import java.util.List;

/** A multi-platform index (OCI image index or Docker manifest list). */
public interface ImageIndex {

    Descriptor descriptor();

    /** The index bytes exactly as stored. */
    byte[] rawIndex();

    /** The entries of the index, in their stored order. */
    List<Descriptor> manifests();

    Image image(Digest digest);

    ImageIndex index(Digest digest);
}
