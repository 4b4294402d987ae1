package dev.gate.image.store;

import dev.gate.errors.GateException;
import dev.gate.image.Artifact;
import dev.gate.image.Blob;
import dev.gate.image.Digest;
import dev.gate.image.Image;
import dev.gate.image.ImageIndex;
import dev.gate.image.Layer;
import dev.gate.image.TempFiles;
import dev.gate.image.VerifyingInputStream;
import dev.gate.image.oci.StoredImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * A private, temporary copy of what a source served, for sources that may answer differently on each read (a
 * registry): each blob is fetched once, checked against its digest while it is written here, and read from here
 * afterwards. What gets cataloged and what gets pushed are then the same bytes, whatever the source does meanwhile.
 * The copy lives in a private folder removed on {@link #close()} and at JVM exit (also on SIGTERM and SIGINT).
 */
public final class VerifiedStore implements AutoCloseable {

    private TempFiles.Folder folder;

    private VerifiedStore() {}

    /** An empty store; its folder is made when the first blob arrives. */
    public static VerifiedStore open() {
        return new VerifiedStore();
    }

    /** The same artifact, whose blobs are read through this store and whose manifests are read once. */
    public Artifact hold(Artifact artifact) {
        return artifact instanceof Artifact.Multi multi
                ? Artifact.of(new HeldIndex(multi.index(), this))
                : Artifact.of(hold(((Artifact.Single) artifact).image()));
    }

    /** The manifest as read once; the config and layers read through the store. */
    Image hold(Image image) {
        return new StoredImage(
                image.descriptor(),
                image.rawManifest(),
                HeldLayer.of(image.config(), this),
                image.layers().stream()
                        .<Layer>map(layer -> HeldLayer.of(layer, this))
                        .toList());
    }

    ImageIndex hold(ImageIndex index) {
        return new HeldIndex(index, this);
    }

    /**
     * The blob's bytes: from the store when a verified copy is there, otherwise from the source, copied into the store
     * as they stream; the copy counts only once the whole blob has streamed and matched its digest.
     */
    InputStream open(Blob blob) throws IOException {
        Path done = pathOf(blob.descriptor().digest());
        if (Files.isRegularFile(done, LinkOption.NOFOLLOW_LINKS)) {
            return Files.newInputStream(done, LinkOption.NOFOLLOW_LINKS);
        }
        InputStream verified = VerifyingInputStream.checked(blob.open(), blob.descriptor(), "the source");
        Path partial = Files.createTempFile(folder(), "partial-", "");
        return new SpoolingInputStream(verified, partial, done);
    }

    /** The path of the blob's verified copy, fetching it whole first when it is not here yet. */
    Path copyOf(Blob blob) throws IOException {
        Path done = pathOf(blob.descriptor().digest());
        if (!Files.isRegularFile(done, LinkOption.NOFOLLOW_LINKS)) {
            try (InputStream in = open(blob)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
        }
        return done;
    }

    private Path pathOf(Digest digest) {
        return folder().resolve(digest.algorithm() + "-" + digest.hex());
    }

    private synchronized Path folder() {
        if (folder == null) {
            folder = TempFiles.folder("gate-blobs-");
        }
        return folder.path();
    }

    @Override
    public synchronized void close() {
        if (folder != null) {
            folder.close();
            folder = null;
        }
    }

    /** Unchecked, for the interfaces whose methods cannot throw: a blob that cannot be fetched is an I/O failure. */
    static GateException failed(Blob blob, IOException e) {
        if (e instanceof VerifyingInputStream.BlobMismatchException) {
            return GateException.input("the source changed or is corrupt: " + e.getMessage());
        }
        return GateException.operational(
                "fetching blob " + blob.descriptor().digest() + " failed: " + e.getMessage(), e);
    }
}
