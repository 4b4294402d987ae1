package dev.gate.image.layout;

import dev.gate.image.Compression;
import dev.gate.image.Descriptor;
import dev.gate.image.FileRegion;
import dev.gate.image.Image;
import dev.gate.image.ImageIndex;
import dev.gate.image.Layer;
import dev.gate.image.MediaTypes;
import dev.gate.image.oci.StoredImage;
import dev.gate.image.oci.StoredIndex;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** Images and indexes whose blobs live in an OCI layout directory. */
final class LayoutImages {

    private LayoutImages() {}

    static Image image(OciLayout layout, Descriptor descriptor) {
        return StoredImage.parse(
                descriptor,
                layout.readSmall(descriptor),
                layout.root() + " manifest " + descriptor.digest(),
                blob -> new LayoutBlob(layout, blob));
    }

    static ImageIndex index(OciLayout layout, Descriptor descriptor) {
        return StoredIndex.parse(
                descriptor,
                layout.readSmall(descriptor),
                layout.root() + " index " + descriptor.digest(),
                entry -> image(layout, entry),
                entry -> index(layout, entry));
    }

    static boolean isIndex(Descriptor descriptor) {
        return MediaTypes.isIndex(descriptor.mediaType());
    }

    /** A config or layer blob of the layout, checked against its digest as it is read. */
    private record LayoutBlob(OciLayout layout, Descriptor descriptor) implements Layer {
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
