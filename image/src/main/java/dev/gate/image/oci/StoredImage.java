package dev.gate.image.oci;

import dev.gate.image.Blob;
import dev.gate.image.Descriptor;
import dev.gate.image.Image;
import dev.gate.image.Layer;
import java.util.List;
import java.util.function.Function;

/** An image as a source keeps it: the manifest's exact bytes, and the config and layers they name. */
public final class StoredImage implements Image {

    private final Descriptor descriptor;
    private final byte[] raw;
    private final Blob config;
    private final List<Layer> layers;

    public StoredImage(Descriptor descriptor, byte[] raw, Blob config, List<Layer> layers) {
        this.descriptor = descriptor;
        this.raw = raw.clone();
        this.config = config;
        this.layers = List.copyOf(layers);
    }

    /**
     * The image whose manifest is {@code raw}; {@code blobs} makes the config and layers it names from their
     * descriptors, wherever the source keeps them. {@code origin} names the manifest in errors.
     */
    public static Image parse(
            Descriptor descriptor, byte[] raw, String origin, Function<Descriptor, ? extends Layer> blobs) {
        ManifestType.of(raw, descriptor.mediaType(), "its descriptor's", origin);
        OciManifest manifest = OciManifest.parse(raw, origin);
        return new StoredImage(
                descriptor,
                raw,
                blobs.apply(manifest.config()),
                manifest.layers().stream().<Layer>map(blobs::apply).toList());
    }

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
}
