package dev.gate.signing.oci;

import dev.gate.image.Digest;
import java.util.Map;
import java.util.Optional;

/**
 * Where cosign's tag-schema manifests live for one repository ({@code sha256-<hex>.sig}/{@code .att}).
 * Kept this small so a registry, an OCI layout or memory can back it.
 */
public interface SignatureStore {

    /** The manifest bytes under {@code tag}, if any. */
    Optional<byte[]> manifest(String tag);

    /** A blob of the repository with the size its manifest declares; the caller checks the digest. */
    byte[] blob(Digest digest, long size);

    /**
     * The OCI index listing the referrers of {@code subject}. This default reads the referrers
     * tag-schema fallback ({@code sha256-<hex>}); a store on a registry with the referrers API may ask that first.
     */
    default Optional<byte[]> referrers(Digest subject) {
        return manifest(Referrers.fallbackTag(subject));
    }

    /**
     * Writes blobs ahead of the manifest that will name them, so that {@link #put} has little left to do but write the
     * manifest: a merged tag's write should follow its read as closely as it can.
     */
    default void putBlobs(Map<Digest, byte[]> blobs) {}

    /** Writes blobs first (those not already written), then the manifest under {@code tag}. */
    void put(String tag, byte[] manifest, Map<Digest, byte[]> blobs);

    /**
     * {@link #put}, on the condition that {@code tag} still holds {@code read} (nothing, when empty): a store that can
     * check it refuses with {@link dev.gate.image.merge.TagMoved}; this default cannot, and writes.
     */
    default void putIf(String tag, byte[] manifest, Map<Digest, byte[]> blobs, Optional<byte[]> read) {
        put(tag, manifest, blobs);
    }
}
