package dev.gate.signing.oci;

import dev.gate.errors.GateException;
import dev.gate.image.Digest;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A {@link SignatureStore} in memory, for tests and dry runs. */
public final class InMemorySignatureStore implements SignatureStore {

    private final Map<String, byte[]> manifests = new HashMap<>();
    private final Map<Digest, byte[]> blobs = new HashMap<>();

    @Override
    public synchronized Optional<byte[]> manifest(String tag) {
        return Optional.ofNullable(manifests.get(tag)).map(byte[]::clone);
    }

    @Override
    public byte[] blob(Digest digest, long size) {
        return blob(digest);
    }

    public synchronized byte[] blob(Digest digest) {
        byte[] content = blobs.get(digest);
        if (content == null) {
            throw GateException.input("blob " + digest + " not found");
        }
        return content.clone();
    }

    @Override
    public synchronized void put(String tag, byte[] manifest, Map<Digest, byte[]> newBlobs) {
        newBlobs.forEach((digest, content) -> blobs.put(digest, content.clone()));
        manifests.put(tag, manifest.clone());
    }
}
