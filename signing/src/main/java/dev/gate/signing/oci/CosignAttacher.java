package dev.gate.signing.oci;

import dev.gate.image.Digest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Adds layers to the {@code .sig} / {@code .att} manifest of an image: read, modify, write. */
public final class CosignAttacher {

    private final SignatureStore store;

    public CosignAttacher(SignatureStore store) {
        this.store = store;
    }

    public static String signatureTag(Digest image) {
        return image.algorithm() + "-" + image.hex() + ".sig";
    }

    public static String attestationTag(Digest image) {
        return image.algorithm() + "-" + image.hex() + ".att";
    }

    /** Appends {@code layer} unless an identical one is there; returns false when skipped. */
    public boolean append(String tag, CosignLayer layer) {
        return replace(tag, layer, existing -> false);
    }

    /** Drops existing layers matching {@code drop}, then appends {@code layer} as {@link #append} does. */
    public boolean replace(String tag, CosignLayer layer, Predicate<CosignLayer> drop) {
        List<CosignLayer> layers = new ArrayList<>(layers(tag));
        int before = layers.size();
        layers.removeIf(drop);
        boolean duplicate = layers.stream().anyMatch(layer::sameAs);
        if (duplicate && layers.size() == before) {
            return false;
        }
        if (!duplicate) {
            layers.add(layer);
        }
        CosignManifest.Built built = CosignManifest.build(layers);
        Map<Digest, byte[]> blobs = new LinkedHashMap<>();
        blobs.put(Digest.sha256(built.config()), built.config());
        layers.forEach(l -> blobs.put(l.digest(), l.content()));
        store.put(tag, built.manifest(), blobs);
        return !duplicate;
    }

    public List<CosignLayer> layers(String tag) {
        return store.manifest(tag).map(m -> CosignManifest.read(m, store, tag)).orElse(List.of());
    }
}
