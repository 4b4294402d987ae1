package dev.gate.image.archive;

import dev.gate.image.Artifact;
import dev.gate.image.Blob;
import dev.gate.image.Compression;
import dev.gate.image.Descriptor;
import dev.gate.image.Digest;
import dev.gate.image.FileRegion;
import dev.gate.image.GateException;
import dev.gate.image.Image;
import dev.gate.image.ImageIndex;
import dev.gate.image.Layer;
import dev.gate.image.MediaTypes;
import dev.gate.image.oci.OciIndex;
import dev.gate.image.oci.OciManifest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/** Images and indexes whose blobs live under {@code blobs/<alg>/<hex>} inside a tar. */
final class ArchiveImages {

    private ArchiveImages() {
    }

    static String blobName(Digest digest) {
        return "blobs/" + digest.algorithm() + "/" + digest.hex();
    }

    static Artifact artifact(TarMembers tar, Descriptor entry) {
        return MediaTypes.isIndex(entry.mediaType())
                ? Artifact.of(index(tar, entry))
                : Artifact.of(image(tar, entry));
    }

    static OciIndex readIndexJson(TarMembers tar) {
        if (!tar.has("index.json")) {
            throw GateException.input(tar.file() + ": has no index.json (not an OCI layout archive)");
        }
        return OciIndex.parse(tar.readSmall("index.json", null), tar.file() + "!index.json");
    }

    static Image image(TarMembers tar, Descriptor descriptor) {
        byte[] raw = readBlob(tar, descriptor);
        OciManifest manifest = OciManifest.parse(raw, tar.file() + " manifest " + descriptor.digest());
        Blob config = new TarBlob(tar, manifest.config());
        List<Layer> layers = manifest.layers().stream().<Layer>map(d -> new TarBlob(tar, d)).toList();
        return new Image() {
            @Override
            public Descriptor descriptor() {
                return descriptor;
            }

            @Override
            public byte[] rawManifest() {
                return raw.clone();
            }

            @Override
            public Blob config() {
                return config;
            }

            @Override
            public List<Layer> layers() {
                return layers;
            }
        };
    }

    static ImageIndex index(TarMembers tar, Descriptor descriptor) {
        byte[] raw = readBlob(tar, descriptor);
        OciIndex index = OciIndex.parse(raw, tar.file() + " index " + descriptor.digest());
        return new ImageIndex() {
            @Override
            public Descriptor descriptor() {
                return descriptor;
            }

            @Override
            public byte[] rawIndex() {
                return raw.clone();
            }

            @Override
            public List<Descriptor> manifests() {
                return index.manifests();
            }

            @Override
            public Image image(Digest digest) {
                return ArchiveImages.image(tar, child(digest));
            }

            @Override
            public ImageIndex index(Digest digest) {
                return ArchiveImages.index(tar, child(digest));
            }

            private Descriptor child(Digest digest) {
                return index.manifests().stream().filter(d -> d.digest().equals(digest)).findFirst()
                        .orElseThrow(() -> GateException.input("index " + descriptor.digest() + " has no entry " + digest));
            }
        };
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
