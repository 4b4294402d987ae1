package dev.gate.image.store;

import dev.gate.image.Blob;
import dev.gate.image.Descriptor;
import dev.gate.image.Image;
import dev.gate.image.Layer;
import java.util.List;

/** An image whose manifest was read once and whose config and layers are read through the store. */
final class HeldImage implements Image {

    private final Descriptor descriptor;
    private final byte[] raw;
    private final Blob config;
    private final List<Layer> layers;

    HeldImage(Image image, VerifiedStore store) {
        this.descriptor = image.descriptor();
        this.raw = image.rawManifest();
        this.config = HeldLayer.of(image.config(), store);
        this.layers = image.layers().stream().<Layer>map(layer -> HeldLayer.of(layer, store)).toList();
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
