package dev.gate.pipeline.audit;

import dev.gate.image.Digest;
import dev.gate.image.registry.Referrers;
import dev.gate.image.registry.RegistryClient;
import java.util.Optional;

/**
 * Whether the audited registry has the OCI referrers API. A registry with it answers every subject (an empty index when
 * nothing refers to it), so its first 404 tells the API is missing, and from then on the audit reads only the tag-schema
 * fallback: one request per image instead of two.
 */
final class ReferrersApi {

    private volatile boolean absent;

    /** The unfiltered referrers index of {@code subject}; empty when nothing refers to it. */
    Optional<byte[]> index(RegistryClient client, Digest subject) {
        if (!absent) {
            Optional<byte[]> listed = client.referrers(subject, null);
            if (listed.isPresent()) {
                return listed;
            }
            absent = true;
        }
        return client.getManifest(Referrers.fallbackTag(subject)).map(RegistryClient.Manifest::raw);
    }
}
