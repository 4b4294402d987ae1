package dev.gate.image.oci;

import dev.gate.errors.GateException;
import dev.gate.image.Descriptor;
import dev.gate.image.Digest;
import dev.gate.image.Image;
import dev.gate.image.ImageIndex;
import dev.gate.image.SafeText;
import java.util.List;
import java.util.function.Function;

/** An index as a source keeps it: the exact bytes, and its entries read on demand from the same source. */
public final class StoredIndex implements ImageIndex {

    private final Descriptor descriptor;
    private final byte[] raw;
    private final OciIndex index;
    private final Function<Descriptor, Image> images;
    private final Function<Descriptor, ImageIndex> indexes;

    private StoredIndex(
            Descriptor descriptor,
            byte[] raw,
            OciIndex index,
            Function<Descriptor, Image> images,
            Function<Descriptor, ImageIndex> indexes) {
        this.descriptor = descriptor;
        this.raw = raw.clone();
        this.index = index;
        this.images = images;
        this.indexes = indexes;
    }

    /**
     * The index whose bytes are {@code raw}; {@code images} and {@code indexes} read the entries it lists.
     * {@code origin} names the index in errors.
     */
    public static ImageIndex parse(
            Descriptor descriptor,
            byte[] raw,
            String origin,
            Function<Descriptor, Image> images,
            Function<Descriptor, ImageIndex> indexes) {
        ManifestType.of(raw, descriptor.mediaType(), "its descriptor's", origin);
        return new StoredIndex(descriptor, raw, OciIndex.parse(raw, origin), images, indexes);
    }

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
        Descriptor entry = entry(digest);
        Image image = images.apply(entry);
        sameType(entry, image.descriptor());
        return image;
    }

    @Override
    public ImageIndex index(Digest digest) {
        Descriptor entry = entry(digest);
        ImageIndex index = indexes.apply(entry);
        sameType(entry, index.descriptor());
        return index;
    }

    /** A source may fetch an entry by digest alone (a registry): what it found must be what the index said. */
    private void sameType(Descriptor entry, Descriptor found) {
        if (!entry.mediaType().equals(found.mediaType())) {
            throw GateException.input("index " + descriptor.digest() + " lists " + entry.digest() + " as "
                    + SafeText.quoted(entry.mediaType()) + " but it is " + SafeText.quoted(found.mediaType()));
        }
    }

    private Descriptor entry(Digest digest) {
        return index.manifests().stream()
                .filter(d -> d.digest().equals(digest))
                .findFirst()
                .orElseThrow(() -> GateException.input("index " + descriptor.digest() + " has no entry " + digest));
    }
}
