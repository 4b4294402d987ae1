package dev.gate.image.store;

import dev.gate.image.Descriptor;
import dev.gate.image.Digest;
import dev.gate.image.Image;
import dev.gate.image.ImageIndex;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** An index whose entries are each read from the source once, then kept, their blobs read through the store. */
final class HeldIndex implements ImageIndex {

    private final ImageIndex index;
    private final VerifiedStore store;
    private final Map<Digest, Image> images = new ConcurrentHashMap<>();
    private final Map<Digest, ImageIndex> indexes = new ConcurrentHashMap<>();

    HeldIndex(ImageIndex index, VerifiedStore store) {
        this.index = index;
        this.store = store;
    }

    @Override
    public Descriptor descriptor() {
        return index.descriptor();
    }

    @Override
    public byte[] rawIndex() {
        return index.rawIndex();
    }

    @Override
    public List<Descriptor> manifests() {
        return index.manifests();
    }

    @Override
    public Image image(Digest digest) {
        return images.computeIfAbsent(digest, d -> store.hold(index.image(d)));
    }

    @Override
    public ImageIndex index(Digest digest) {
        return indexes.computeIfAbsent(digest, d -> store.hold(index.index(d)));
    }
}
