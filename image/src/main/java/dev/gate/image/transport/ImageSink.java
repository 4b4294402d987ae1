package dev.gate.image.transport;

import dev.gate.image.Artifact;

/** A place images are written to (a registry, an OCI layout), keeping every byte and digest. */
public interface ImageSink {

    /** Writes the artifact with all it refers to, the tag (if any) last. */
    PushReport write(Artifact artifact, PushListener listener);

    String describe();
}
