package dev.gate.signing.oci;

import dev.gate.image.Digest;
import dev.gate.image.GateException;
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
 * written, so every write is a contribution that {@link #confirm()} checks is still there once no write made from an
 * older read can land any more, merging and writing again when another writer replaced it. See {@link Convergence}.
 */
public final class CosignAttacher {

    private final SignatureStore store;
    private final Convergence convergence;
    private final Map<Digest, byte[]> blobs = new ConcurrentHashMap<>();
    private final List<Contribution> pending = new ArrayList<>();
    private long lastWrite;

    public CosignAttacher(SignatureStore store) {
        this(store, Convergence.standard());
    }

    public CosignAttacher(SignatureStore store, Convergence convergence) {
        this.store = store;
        this.convergence = convergence;
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
        return add(new Contribution(tag, layer, existing -> false, equivalent));
    }

    /**
     * Drops the layers matching {@code drop} that were there before this write, then appends {@code layer} as
     * {@link #append} does. Layers that concurrent writers add meanwhile are kept even when they match: two writers that
     * replace each other's layers would otherwise never converge.
     */
    public boolean replace(String tag, CosignLayer layer, Predicate<CosignLayer> drop) {
        return add(new Contribution(tag, layer, drop, existing -> false));
    }

    private boolean add(Contribution contribution) {
        boolean written = write(contribution);
        synchronized (pending) {
            pending.add(contribution);
        }
        return written;
    }

    /**
     * Waits until every write made from a read older than this writer's last write has landed, then checks that each
     * layer this attacher added is still there, merging and writing again where a concurrent writer replaced the
     * manifest; fails (exit 3) when a layer could not be kept within the convergence policy's bound.
     */
    public void confirm() {
        List<Contribution> open;
        synchronized (pending) {
            open = new ArrayList<>(pending);
            pending.clear();
        }
        for (int round = 1; !open.isEmpty(); round++) {
            convergence.settle(lastWrite);
            List<Contribution> lost = open.stream().filter(c -> !present(c)).toList();
            if (lost.isEmpty()) {
                return;
            }
            if (round > convergence.maxRewrites()) {
                Contribution first = lost.get(0);
                throw GateException.operational(first.describe() + " written but overwritten by a concurrent writer "
                        + convergence.maxRewrites() + " times; not stored", null);
            }
            convergence.backoff(round);
            lost.forEach(this::write);
            open = lost;
        }
    }

    public List<CosignLayer> layers(String tag) {
        return read(tag).layers();
    }

    /** One read-modify-write; a merge that took longer than the policy's cycle bound is done again, never written. */
    private boolean write(Contribution c) {
        for (int attempt = 1; ; attempt++) {
            long start = convergence.now();
            Current current = read(c.tag());
            List<CosignLayer> layers = new ArrayList<>(current.layers());
            if (c.predecessors == null) {
                c.predecessors = layers.stream().filter(c.drop()).map(CosignLayer::digest).collect(Collectors.toSet());
            }
            int before = layers.size();
            layers.removeIf(l -> c.predecessors.contains(l.digest()));
            boolean duplicate = layers.stream().anyMatch(c::satisfiedBy);
            if (duplicate && layers.size() == before) {
                return false;
            }
            if (!duplicate) {
                layers.add(c.layer());
            }
            CosignManifest.Built built = CosignManifest.build(layers);
            Map<Digest, byte[]> content = new LinkedHashMap<>();
            content.put(Digest.sha256(built.config()), built.config());
            layers.forEach(l -> content.put(l.digest(), l.content()));
            if (convergence.withinCycle(start) || attempt >= convergence.maxRewrites()) {
                store.put(c.tag(), built.manifest(), content);
                lastWrite = Math.max(lastWrite, convergence.now());
                return !duplicate;
            }
        }
    }

    private boolean present(Contribution c) {
        return read(c.tag()).layers().stream().anyMatch(c::satisfiedBy);
    }

    private Current read(String tag) {
        Optional<byte[]> manifest = store.manifest(tag);
        return new Current(manifest.map(m -> CosignManifest.read(m, cached(), tag)).orElse(List.of()));
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

    private record Current(List<CosignLayer> layers) {
    }

    /** A layer this attacher wrote (or found already there) under a tag, with what its write drops. */
    private static final class Contribution {
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

        String tag() {
            return tag;
        }

        CosignLayer layer() {
            return layer;
        }

        Predicate<CosignLayer> drop() {
            return drop;
        }

        boolean satisfiedBy(CosignLayer stored) {
            return layer.sameAs(stored) || equivalent.test(stored);
        }

        String describe() {
            return (tag.endsWith(".sig") ? "signature" : "attestation") + " " + layer.digest() + " in " + tag;
        }
    }
}
