package dev.gate.image.layout;

import dev.gate.image.Descriptor;
import dev.gate.image.Digest;
import dev.gate.image.FileRegion;
import dev.gate.image.GateException;
import dev.gate.image.VerifyingInputStream;
import dev.gate.image.oci.OciIndex;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** An OCI image layout directory: {@code oci-layout}, {@code index.json} and {@code blobs/<alg>/<hex>}. */
final class OciLayout {

    static final String REF_NAME = "org.opencontainers.image.ref.name";
    static final String LAYOUT_FILE = "oci-layout";
    static final String LAYOUT_CONTENT = "{\"imageLayoutVersion\":\"1.0.0\"}";

    private final Path root;

    OciLayout(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    Path blobPath(Digest digest) {
        return root.resolve("blobs").resolve(digest.algorithm()).resolve(digest.hex());
    }

    /** Reads and checks the layout's marker file and index. */
    OciIndex readIndex() {
        if (!Files.isDirectory(root)) {
            throw GateException.input("oci layout " + root + ": no such directory");
        }
        if (!Files.isRegularFile(root.resolve(LAYOUT_FILE))) {
            throw GateException.input("oci layout " + root + ": missing " + LAYOUT_FILE + " file (not an OCI image layout)");
        }
        Path indexFile = root.resolve("index.json");
        try {
            return OciIndex.parse(Files.readAllBytes(indexFile), indexFile.toString());
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
            return new VerifyingInputStream(Files.newInputStream(path), descriptor, root.toString());
        } catch (NoSuchFileException e) {
            throw GateException.input("oci layout " + root + ": missing blob " + descriptor.digest());
        }
    }

    /** Where the blob's bytes are, for a destination that verifies the digest itself; its size is checked. */
    FileRegion region(Descriptor descriptor) {
        Path path = blobPath(descriptor.digest());
        try {
            long size = Files.size(path);
            if (size != descriptor.size()) {
                throw GateException.input("oci layout " + root + ": blob " + descriptor.digest() + " is " + size
                        + " bytes, its descriptor says " + descriptor.size());
            }
        } catch (NoSuchFileException e) {
            throw GateException.input("oci layout " + root + ": missing blob " + descriptor.digest());
        } catch (IOException e) {
            throw GateException.input("oci layout " + root + ": cannot read blob " + descriptor.digest() + ": " + e.getMessage());
        }
        return new FileRegion(path, 0, descriptor.size());
    }

    /** A small blob (manifest, index, config) read whole and verified. */
    byte[] readSmall(Descriptor descriptor) {
        if (descriptor.size() > 64L << 20) {
            throw GateException.input("oci layout " + root + ": " + descriptor.mediaType() + " "
                    + descriptor.digest() + " declares " + descriptor.size() + " bytes, over the 64 MiB limit");
        }
        try (InputStream in = open(descriptor)) {
            return in.readAllBytes();
        } catch (VerifyingInputStream.BlobMismatchException e) {
            throw GateException.input(e.getMessage());
        } catch (IOException e) {
            throw GateException.input("oci layout " + root + ": cannot read blob " + descriptor.digest() + ": " + e.getMessage());
        }
    }
}
