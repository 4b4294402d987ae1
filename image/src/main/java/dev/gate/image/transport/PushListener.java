package dev.gate.image.transport;

import dev.gate.image.Descriptor;

/** Progress of a write, for progress bars and plain log lines. Called from upload threads. */
public interface PushListener {

    PushListener NONE = new PushListener() {};

    /** What happened to one blob. */
    enum Outcome {
        UPLOADED,
        SKIPPED_EXISTING,
        MOUNTED
    }

    default void blobStarted(Descriptor blob) {}

    default void blobProgress(Descriptor blob, long bytesDone) {}

    default void blobFinished(Descriptor blob, Outcome outcome) {}

    default void manifestWritten(Descriptor manifest, String tagOrDigest) {}
}
