package dev.gate.image.transport;

import dev.gate.image.Artifact;
import java.io.Closeable;

/** A place images are read from: one per transport (oci, oci-archive, docker-archive, docker-daemon, docker). */
public interface ImageSource extends Closeable {

    /** The image or index this source names, with content readable until {@link #close()}. */
    Artifact resolve();

    /** The source as the user wrote it, for messages. */
    String describe();

    @Override
    void close();
}
