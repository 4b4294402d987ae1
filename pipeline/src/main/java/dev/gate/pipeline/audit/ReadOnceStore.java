package dev.gate.pipeline.audit;

import dev.gate.image.Digest;
import dev.gate.image.registry.RegistryClient;
import dev.gate.signing.oci.RegistrySignatureStore;
import dev.gate.signing.oci.SignatureStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The signature store of one image during its check: the verifier, the attested predicates and the policy evidence each
 * read the {@code .sig}/{@code .att} manifests and the referrers; here each is asked of the registry once for the whole
 * check (a tag read again later could have moved, so this lives no longer than one check), and blobs come from the
 * audit's {@link BlobCache}. An audit writes nothing.
 */
final class ReadOnceStore implements SignatureStore {

    private final RegistryClient client;
    private final SignatureStore registry;
    private final BlobCache blobs;
    private final ReferrersApi api;
    private final Map<String, Optional<byte[]>> manifests = new ConcurrentHashMap<>();
    private final Map<Digest, Optional<byte[]>> referrers = new ConcurrentHashMap<>();

    ReadOnceStore(RegistryClient client, BlobCache blobs, ReferrersApi api) {
        this.client = client;
        this.registry = new RegistrySignatureStore(client);
        this.blobs = blobs;
        this.api = api;
    }

    @Override
    public Optional<byte[]> manifest(String tag) {
        return copy(manifests.computeIfAbsent(tag, registry::manifest));
    }

    @Override
    public byte[] blob(Digest digest, long size) {
        return blobs.get(digest, () -> registry.blob(digest, size));
    }

    @Override
    public Optional<byte[]> referrers(Digest subject) {
        return copy(referrers.computeIfAbsent(subject, s -> api.index(client, s)));
    }

    @Override
    public void put(String tag, byte[] manifest, Map<Digest, byte[]> blobs) {
        throw new UnsupportedOperationException("an audit writes nothing to the registry");
    }

    private static Optional<byte[]> copy(Optional<byte[]> bytes) {
        return bytes.map(byte[]::clone);
    }
}
