package dev.gate.signing.oci;

import dev.gate.image.Descriptor;
import dev.gate.image.Digest;
import dev.gate.image.MediaTypes;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Publishes an artifact as a referrer of an image. On a registry this is the registry client's
 * {@link dev.gate.image.registry.Referrers} (referrers API, else the tag-schema fallback); other
 * stores (layouts, memory) keep the fallback index {@code sha256-<hex>} the same way.
 */
public final class Referrers {

    private Referrers() {
    }

    public static Digest publish(SignatureStore store, String artifactType, byte[] layer, Descriptor subject) {
        byte[] manifest = ReferrerManifest.build(artifactType, layer, subject);
        Descriptor referrer = Descriptor.of(MediaTypes.OCI_MANIFEST, Digest.sha256(manifest), manifest.length);
        Map<Digest, byte[]> blobs = new LinkedHashMap<>();
        blobs.put(Digest.sha256(ReferrerManifest.EMPTY_CONFIG), ReferrerManifest.EMPTY_CONFIG);
        blobs.put(Digest.sha256(layer), layer);
        if (store instanceof RegistrySignatureStore registry) {
            registry.publishReferrer(referrer, manifest, blobs, artifactType, subject.digest());
            return referrer.digest();
        }
        store.put(referrer.digest().toString(), manifest, blobs);
        String tag = fallbackTag(subject.digest());
        Optional<byte[]> current = store.manifest(tag);
        byte[] updated = dev.gate.image.registry.Referrers.withReferrer(current, referrer, artifactType, tag);
        if (current.isEmpty() || !Arrays.equals(current.get(), updated)) {
            store.put(tag, updated, Map.of());
        }
        return referrer.digest();
    }

    public static String fallbackTag(Digest subject) {
        return dev.gate.image.registry.Referrers.fallbackTag(subject);
    }
}
