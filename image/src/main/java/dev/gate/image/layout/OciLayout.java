package dev.gate.image.layout;

import dev.gate.errors.GateException;
import dev.gate.image.Descriptor;
import dev.gate.image.Digest;
import dev.gate.image.FileRegion;
import dev.gate.image.VerifyingInputStream;
import dev.gate.image.oci.OciIndex;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** An OCI image layout directory: {@code oci-layout}, {@code index.json} and {@code blobs/<alg>/<hex>}. */
final class OciLayout {

    static final String REF_NAME = "org.opencontainers.image.ref.name";
    static final String LAYOUT_FILE = "oci-layout";
    static final String LAYOUT_CONTENT = "{\"imageLayoutVersion\":\"1.0.0\"}";
    /** The most a manifest, index or config may be. */
    static final int SMALL_LIMIT = 64 << 20;

    private final Path root;

    OciLayout(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    /**
     * Where the blob is, once no step below the root is a symbolic link: a layout comes from elsewhere, and a
     * planted link would make gate read, or write, a file outside it (a link to /etc/shadow as a "layer").
     */
    Path blobPath(Digest digest) {
        Path blobs = unlinked(root.resolve("blobs"));
        Path algorithm = unlinked(blobs.resolve(digest.algorithm()));
        return unlinked(algorithm.resolve(digest.hex()));
    }

    /** The path, refused when it is a symbolic link (whatever it points at, even nothing). */
    Path unlinked(Path path) {
        if (Files.isSymbolicLink(path)) {
            throw GateException.input("oci layout " + root + ": " + root.relativize(path)
                    + " is a symbolic link; gate does not follow links inside a layout");
        }
        return path;
    }

    /** Reads and checks the layout's marker file and index. */
    OciIndex readIndex() {
        if (!Files.isDirectory(root)) {
            throw GateException.input("oci layout " + root + ": no such directory");
        }
        if (!Files.isRegularFile(unlinked(root.resolve(LAYOUT_FILE)), LinkOption.NOFOLLOW_LINKS)) {
            throw GateException.input(
                    "oci layout " + root + ": missing " + LAYOUT_FILE + " file (not an OCI image layout)");
        }
        Path indexFile = unlinked(root.resolve("index.json"));
        try (InputStream in = Files.newInputStream(indexFile, LinkOption.NOFOLLOW_LINKS)) {
            byte[] raw = in.readNBytes(SMALL_LIMIT + 1);
            if (raw.length > SMALL_LIMIT) {
                throw GateException.input("oci layout " + root + ": index.json is over the 64 MiB limit");
            }
            return OciIndex.parse(raw, indexFile.toString());
        } catch (NoSuchFileException e) {
            throw GateException.input("oci layout " + root + ": missing index.json");
        } catch (IOException e) {
            throw GateException.input("cannot read " + indexFile + ": " + e.getMessage());
        }
    }

    /** The blob's bytes, checked against its digest and size as they are read. */
    InputStream open(Descriptor descriptor) throws IOException {
        Path path = blobPath(descriptor.digest());
        try {
            return new VerifyingInputStream(
                    Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS), descriptor, root.toString());
        } catch (NoSuchFileException e) {
            throw GateException.input("oci layout " + root + ": missing blob " + descriptor.digest());
        }
    }

    /** Where the blob's bytes are, for a destination that verifies the digest itself; its size is checked. */
    FileRegion region(Descriptor descriptor) {
        Path path = blobPath(descriptor.digest());
        try {
            BasicFileAttributes attributes =
                    Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            long size = attributes.size();
            if (!attributes.isRegularFile()) {
                throw GateException.input(
                        "oci layout " + root + ": blob " + descriptor.digest() + " is not a regular file");
            }
            if (size != descriptor.size()) {
                throw GateException.input("oci layout " + root + ": blob " + descriptor.digest() + " is " + size
                        + " bytes, its descriptor says " + descriptor.size());
            }
        } catch (NoSuchFileException e) {
            throw GateException.input("oci layout " + root + ": missing blob " + descriptor.digest());
        } catch (IOException e) {
            throw GateException.input(
                    "oci layout " + root + ": cannot read blob " + descriptor.digest() + ": " + e.getMessage());
        }
        return new FileRegion(path, 0, descriptor.size());
    }

    /** A small blob (manifest, index, config) read whole and verified. */
    byte[] readSmall(Descriptor descriptor) {
        if (descriptor.size() > SMALL_LIMIT) {
            throw GateException.input("oci layout " + root + ": " + descriptor.mediaType() + " " + descriptor.digest()
                    + " declares " + descriptor.size() + " bytes, over the 64 MiB limit");
        }
        try (InputStream in = open(descriptor)) {
            return in.readAllBytes();
        } catch (VerifyingInputStream.BlobMismatchException e) {
            throw GateException.input(e.getMessage());
        } catch (IOException e) {
            throw GateException.input(
                    "oci layout " + root + ": cannot read blob " + descriptor.digest() + ": " + e.getMessage());
        }
    }
}
