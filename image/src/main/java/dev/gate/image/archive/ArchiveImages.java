package dev.gate.image.archive;

import dev.gate.errors.GateException;
import dev.gate.image.Artifact;
import dev.gate.image.Compression;
import dev.gate.image.Descriptor;
import dev.gate.image.Digest;
import dev.gate.image.FileRegion;
import dev.gate.image.Image;
import dev.gate.image.ImageIndex;
import dev.gate.image.Layer;
import dev.gate.image.MediaTypes;
import dev.gate.image.oci.OciIndex;
import dev.gate.image.oci.StoredImage;
import dev.gate.image.oci.StoredIndex;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** Images and indexes whose blobs live under {@code blobs/<alg>/<hex>} inside a tar. */
final class ArchiveImages {

    private ArchiveImages() {}

    static String blobName(Digest digest) {
        return "blobs/" + digest.algorithm() + "/" + digest.hex();
    }

    static Artifact artifact(TarMembers tar, Descriptor entry) {
        return MediaTypes.isIndex(entry.mediaType()) ? Artifact.of(index(tar, entry)) : Artifact.of(image(tar, entry));
    }

    static OciIndex readIndexJson(TarMembers tar) {
        if (!tar.has("index.json")) {
            throw GateException.input(tar.file() + ": has no index.json (not an OCI layout archive)");
        }
        return OciIndex.parse(tar.readSmall("index.json", null), tar.file() + "!index.json");
    }

    static Image image(TarMembers tar, Descriptor descriptor) {
        return StoredImage.parse(
                descriptor,
                readBlob(tar, descriptor),
                tar.file() + " manifest " + descriptor.digest(),
                blob -> new TarBlob(tar, blob));
    }

    static ImageIndex index(TarMembers tar, Descriptor descriptor) {
        return StoredIndex.parse(
                descriptor,
                readBlob(tar, descriptor),
                tar.file() + " index " + descriptor.digest(),
                entry -> image(tar, entry),
                entry -> index(tar, entry));
    }

    private static byte[] readBlob(TarMembers tar, Descriptor descriptor) {
        String name = blobName(descriptor.digest());
        if (!tar.has(name)) {
            throw GateException.input(tar.file() + ": missing blob " + descriptor.digest());
        }
        return tar.readSmall(name, descriptor);
    }

    /** A config or layer stored as a blob inside the tar; checked against its digest as it streams. */
    record TarBlob(TarMembers tar, Descriptor descriptor) implements Layer {
        @Override
        public InputStream open() throws IOException {
            String name = blobName(descriptor.digest());
            if (!tar.has(name)) {
                throw GateException.input(tar.file() + ": missing blob " + descriptor.digest());
            }
            return tar.open(name, descriptor);
        }

        @Override
        public Optional<FileRegion> storedRegion() {
            return tar.region(blobName(descriptor.digest())).filter(region -> region.length() == descriptor.size());
        }

        @Override
        public InputStream openUncompressed() throws IOException {
            return Compression.decompressed(open());
        }
    }
}
