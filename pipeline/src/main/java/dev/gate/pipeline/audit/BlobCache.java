package dev.gate.pipeline.audit;

import dev.gate.image.Digest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Blobs read during one audit, by digest: the same signature and attestation layers hang off many images (one key's
 * certificate-less signatures, shared SBOM configs), and a blob's digest names its bytes for good. Bounded in total
 * size; past the bound, blobs are read again rather than kept.
 */
final class BlobCache {

    static final long DEFAULT_BYTES = 256L << 20;

    private final Map<Digest, byte[]> blobs = new ConcurrentHashMap<>();
    private final AtomicLong held = new AtomicLong();
    private final long limit;

    BlobCache(long limit) {
        this.limit = limit;
    }

    /** The bytes of {@code digest}, read once; only bytes that match the digest are kept. Callers get their own copy. */
    byte[] get(Digest digest, Supplier<byte[]> read) {
        byte[] known = blobs.get(digest);
        if (known != null) {
            return known.clone();
        }
        byte[] bytes = read.get();
        if (Digest.sha256(bytes).equals(digest) && held.addAndGet(bytes.length) <= limit) {
            if (blobs.putIfAbsent(digest, bytes.clone()) != null) {
                held.addAndGet(-bytes.length);
            }
        } else if (held.get() > limit) {
            held.addAndGet(-bytes.length);
        }
        return bytes;
    }
}
