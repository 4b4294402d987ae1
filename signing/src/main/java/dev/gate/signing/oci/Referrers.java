package dev.gate.signing.oci;

import dev.gate.image.Descriptor;
import dev.gate.image.Digest;
import dev.gate.image.MediaTypes;
import dev.gate.image.merge.MergedWrites;
import dev.gate.image.registry.FallbackEntry;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Publishes an artifact as a referrer of an image. On a registry this is the registry client's
 * {@link dev.gate.image.registry.Referrers} (referrers API, else the tag-schema fallback); other
 * stores (layouts, memory) keep the fallback index {@code sha256-<hex>} the same way.
 */
public final class Referrers {

    private Referrers() {}

    /** {@link #publish(SignatureStore, String, byte[], Descriptor, MergedWrites)}, confirmed at once. */
    public static Digest publish(SignatureStore store, String artifactType, byte[] layer, Descriptor subject) {
        MergedWrites writes = MergedWrites.standard();
        Digest referrer = publish(store, artifactType, layer, subject, writes);
        writes.confirm();
        return referrer;
    }

    /** Publishes and lists the referrer; the fallback index entry is one of {@code writes}, confirmed with them. */
    public static Digest publish(
            SignatureStore store, String artifactType, byte[] layer, Descriptor subject, MergedWrites writes) {
        byte[] manifest = ReferrerManifest.build(artifactType, layer, subject);
        Descriptor referrer = Descriptor.of(MediaTypes.OCI_MANIFEST, Digest.sha256(manifest), manifest.length);
        Map<Digest, byte[]> blobs = new LinkedHashMap<>();
        blobs.put(Digest.sha256(ReferrerManifest.EMPTY_CONFIG), ReferrerManifest.EMPTY_CONFIG);
        blobs.put(Digest.sha256(layer), layer);
        if (store instanceof RegistrySignatureStore registry) {
            registry.publishReferrer(referrer, manifest, blobs, artifactType, subject.digest(), writes);
            return referrer.digest();
        }
        store.put(referrer.digest().toString(), manifest, blobs);
        String tag = fallbackTag(subject.digest());
        writes.add(new FallbackEntry(
                store::manifest,
                (t, index, read) -> store.putIf(t, index, Map.of(), read),
                tag,
                referrer,
                artifactType,
                tag));
        return referrer.digest();
    }

    public static String fallbackTag(Digest subject) {
        return dev.gate.image.registry.Referrers.fallbackTag(subject);
    }
}
