package dev.gate.image.layout;

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

/** Images and indexes whose blobs live in an OCI layout directory. */
final class LayoutImages {

    private LayoutImages() {
    }

    static Image image(OciLayout layout, Descriptor descriptor) {
        byte[] raw = layout.readSmall(descriptor);
        OciManifest manifest = OciManifest.parse(raw, layout.root() + " manifest " + descriptor.digest());
        Blob config = new LayoutBlob(layout, manifest.config());
        List<Layer> layers = manifest.layers().stream().<Layer>map(d -> new LayoutLayer(layout, d)).toList();
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

    static ImageIndex index(OciLayout layout, Descriptor descriptor) {
        byte[] raw = layout.readSmall(descriptor);
        OciIndex index = OciIndex.parse(raw, layout.root() + " index " + descriptor.digest());
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
                return LayoutImages.image(layout, child(digest));
            }

            @Override
            public ImageIndex index(Digest digest) {
                return LayoutImages.index(layout, child(digest));
            }

            private Descriptor child(Digest digest) {
                return index.manifests().stream().filter(d -> d.digest().equals(digest)).findFirst()
                        .orElseThrow(() -> GateException.input("index " + descriptor.digest() + " has no entry " + digest));
            }
        };
    }

    static boolean isIndex(Descriptor descriptor) {
        return MediaTypes.isIndex(descriptor.mediaType());
    }

    private record LayoutBlob(OciLayout layout, Descriptor descriptor) implements Blob {
        @Override
        public InputStream open() throws IOException {
            return layout.open(descriptor);
        }

        @Override
        public Optional<FileRegion> storedRegion() {
            return Optional.of(layout.region(descriptor));
        }
    }

    private record LayoutLayer(OciLayout layout, Descriptor descriptor) implements Layer {
        @Override
        public InputStream open() throws IOException {
            return layout.open(descriptor);
        }

        @Override
        public Optional<FileRegion> storedRegion() {
            return Optional.of(layout.region(descriptor));
        }

        @Override
        public InputStream openUncompressed() throws IOException {
            return Compression.decompressed(open());
        }
    }
}
