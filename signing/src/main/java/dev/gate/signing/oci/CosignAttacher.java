package dev.gate.signing.oci;

import dev.gate.image.Digest;
import dev.gate.image.merge.Convergence;
import dev.gate.image.merge.MergedWrite;
import dev.gate.image.merge.MergedWrites;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Adds layers to the {@code .sig} / {@code .att} manifest of an image: read, modify, write. Several writers may do this
 * to one tag at once (CI jobs signing and attesting the same image), and a registry keeps only the last manifest
 * written, so each layer added is a {@link MergedWrite} that {@link #confirm()} checks is still stored once no older
 * write can land any more, writing it again where another writer replaced it.
 */
public final class CosignAttacher {

    private final SignatureStore store;
    private final MergedWrites writes;
    private final Map<Digest, byte[]> blobs = new ConcurrentHashMap<>();

    public CosignAttacher(SignatureStore store) {
        this(store, MergedWrites.standard());
    }

    public CosignAttacher(SignatureStore store, Convergence convergence) {
        this(store, new MergedWrites(convergence));
    }

    /** An attacher whose writes are confirmed with the others of {@code writes} (a run's referrers, say). */
    public CosignAttacher(SignatureStore store, MergedWrites writes) {
        this.store = store;
        this.writes = writes;
    }

    public static String signatureTag(Digest image) {
        return image.algorithm() + "-" + image.hex() + ".sig";
    }

    public static String attestationTag(Digest image) {
        return image.algorithm() + "-" + image.hex() + ".att";
    }

    /** Appends {@code layer} unless an identical one is there; returns false when skipped. */
    public boolean append(String tag, CosignLayer layer) {
        return append(tag, layer, existing -> false);
    }

    /**
     * Appends {@code layer} unless an identical or an {@code equivalent} one is there (a signature by the same key over
     * the same payload): concurrent reruns of one job then keep one of theirs, and each counts it as its own.
     */
    public boolean append(String tag, CosignLayer layer, Predicate<CosignLayer> equivalent) {
        return writes.add(new Contribution(tag, layer, existing -> false, equivalent));
    }

    /**
     * Drops the layers matching {@code drop} that were there before this write, then appends {@code layer} as
     * {@link #append} does. Layers that concurrent writers add meanwhile are kept even when they match: two writers that
     * replace each other's layers would otherwise never converge.
     */
    public boolean replace(String tag, CosignLayer layer, Predicate<CosignLayer> drop) {
        return replace(tag, layer, drop, existing -> false);
    }

    /** As {@link #replace(String, CosignLayer, Predicate)}, skipped where an {@code equivalent} layer is kept. */
    public boolean replace(
            String tag, CosignLayer layer, Predicate<CosignLayer> drop, Predicate<CosignLayer> equivalent) {
        return writes.add(new Contribution(tag, layer, drop, equivalent));
    }

    /** Confirms every layer added so far is stored (see {@link MergedWrites#confirm()}); exit 3 when one is not. */
    public void confirm() {
        writes.confirm();
    }

    public List<CosignLayer> layers(String tag) {
        return store.manifest(tag)
                .map(m -> CosignManifest.read(m, cached(), tag))
                .orElse(List.of());
    }

    /** Layer blobs are content-addressed and checked against their digests, so each is fetched once per attacher. */
    private SignatureStore cached() {
        return new SignatureStore() {
            @Override
            public Optional<byte[]> manifest(String tag) {
                return store.manifest(tag);
            }

            @Override
            public byte[] blob(Digest digest, long size) {
                byte[] known = blobs.get(digest);
                if (known != null) {
                    return known.clone();
                }
                byte[] fetched = store.blob(digest, size);
                if (Digest.sha256(fetched).equals(digest)) {
                    blobs.put(digest, fetched.clone());
                }
                return fetched;
            }

            @Override
            public void put(String tag, byte[] manifest, Map<Digest, byte[]> content) {
                store.put(tag, manifest, content);
            }
        };
    }

    private record Update(Optional<byte[]> read, CosignManifest.Built built) {}

    /** A layer added under a tag, with what its write drops and what stored layer would count as it. */
    private final class Contribution implements MergedWrite {
        private final String tag;
        private final CosignLayer layer;
        private final Predicate<CosignLayer> drop;
        private final Predicate<CosignLayer> equivalent;
        /** The digests {@code drop} matched at the first read: only these are ever dropped. */
        private Set<Digest> predecessors;

        Contribution(String tag, CosignLayer layer, Predicate<CosignLayer> drop, Predicate<CosignLayer> equivalent) {
            this.tag = tag;
            this.layer = layer;
            this.drop = drop;
            this.equivalent = equivalent;
        }

        /**
         * The layer's blob goes first; the read, the merge and the new config blob must then fit in the cycle, so that
         * the manifest, written right after (on the condition that the tag still holds what was read, where the store
         * can check that), follows its read closely. Other layers' blobs are in the store already.
         */
        @Override
        public boolean write(Convergence convergence) {
            store.putBlobs(Map.of(layer.digest(), layer.content()));
            return convergence.<Update>mergeAndWrite(this::merged, update -> {
                Map<Digest, byte[]> content = new LinkedHashMap<>();
                content.put(
                        Digest.sha256(update.built().config()), update.built().config());
                content.put(layer.digest(), layer.content());
                store.putIf(tag, update.built().manifest(), content, update.read());
            });
        }

        /** The manifest to write and what it was merged from, or empty when the tag holds this layer and has nothing to drop. */
        private Optional<Update> merged() {
            Optional<byte[]> read = store.manifest(tag);
            List<CosignLayer> layers = new ArrayList<>(
                    read.map(m -> CosignManifest.read(m, cached(), tag)).orElse(List.of()));
            if (predecessors == null) {
                predecessors =
                        layers.stream().filter(drop).map(CosignLayer::digest).collect(Collectors.toSet());
            }
            int before = layers.size();
            layers.removeIf(l -> predecessors.contains(l.digest()));
            boolean held = layers.stream().anyMatch(this::satisfiedBy);
            if (held && layers.size() == before) {
                return Optional.empty();
            }
            if (!held) {
                layers.add(layer);
            }
            CosignManifest.Built built = CosignManifest.build(layers);
            store.putBlobs(Map.of(Digest.sha256(built.config()), built.config()));
            return Optional.of(new Update(read, built));
        }

        @Override
        public boolean stored() {
            return layers(tag).stream().anyMatch(this::satisfiedBy);
        }

        private boolean satisfiedBy(CosignLayer stored) {
            return layer.sameAs(stored) || equivalent.test(stored);
        }

        @Override
        public String describe() {
            return (tag.endsWith(".sig") ? "signature" : "attestation") + " " + layer.digest() + " in " + tag;
        }
    }
}
