package dev.gate.image.transport;

import dev.gate.image.Artifact;
import java.io.Closeable;

/** A place images are read from: one per transport (oci, oci-archive, docker-archive, docker-daemon, docker). */
public interface ImageSource extends Closeable {

    /** The image or index this source names, with content readable until {@link #close()}. */
    Artifact resolve();

    /**
     * Whether reading a blob again is sure to give the bytes read the first time: local files are, since they are
     * checked against their digests on every read; a registry may answer differently each time, so what must be both
     * evaluated and published is read from it once, through a {@link dev.gate.image.store.VerifiedStore}.
     */
    default boolean rereadsAlike() {
        return true;
    }

    /** The source as the user wrote it, for messages. */
    String describe();

    @Override
    void close();
}
