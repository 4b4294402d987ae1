package dev.gate.signing.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.errors.GateException;
import dev.gate.image.Digest;
import dev.gate.image.merge.Convergence;
import dev.gate.signing.CosignKeyFile;
import dev.gate.signing.CosignKeyPair;
import dev.gate.signing.ImageSignatures;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Another writer's manifest landing right after ours, made from a read older than our write, as happens when CI jobs
 * sign and attest one image at once: the attacher's confirmation finds its layer gone and writes it again.
 */
class ConcurrentWritersTest {

    private static final Digest IMAGE = Digest.sha256("image manifest".getBytes());
    private static final String REPO = "registry.example/team/app";
    private static final String TAG = CosignAttacher.signatureTag(IMAGE);
    private static final Convergence FAST = new Convergence(200_000_000L, 250_000_000L, 4, 1_000_000L);

    /** A store where, after each of our writes, a stale writer puts the manifest it built before our write landed. */
    private static final class StaleWriterAfterOurs implements SignatureStore {
        private final InMemorySignatureStore memory = new InMemorySignatureStore();
        private final AtomicInteger overwritesLeft;
        private final CosignLayer theirs;
        private byte[] theirManifest;
        final AtomicInteger overwrites = new AtomicInteger();

        StaleWriterAfterOurs(int overwrites, CosignLayer theirs) {
            this.overwritesLeft = new AtomicInteger(overwrites);
            this.theirs = theirs;
        }

        @Override
        public java.util.Optional<byte[]> manifest(String tag) {
            return memory.manifest(tag);
        }

        @Override
        public byte[] blob(Digest digest, long size) {
            return memory.blob(digest, size);
        }

        @Override
        public synchronized void put(String tag, byte[] manifest, Map<Digest, byte[]> blobs) {
            if (theirManifest == null) {
                // What the other writer read before our first write: nothing; it adds its own layer to that.
                CosignManifest.Built built = CosignManifest.build(List.of(theirs));
                theirManifest = built.manifest();
                memory.put(
                        tag,
                        theirManifest,
                        Map.of(Digest.sha256(built.config()), built.config(), theirs.digest(), theirs.content()));
            }
            memory.put(tag, manifest, blobs);
            if (overwritesLeft.getAndDecrement() > 0) {
                overwrites.incrementAndGet();
                memory.put(tag, theirManifest, Map.of());
            }
        }
    }

    @Test
    void aSignatureReplacedByAStaleWriteIsWrittenAgainAndBothAreKept() {
        CosignLayer theirs = ImageSignatures.signatureLayer(CosignKeyFile.generate(), REPO, IMAGE);
        StaleWriterAfterOurs store = new StaleWriterAfterOurs(1, theirs);
        CosignAttacher attacher = new CosignAttacher(store, FAST);
        CosignLayer ours = ImageSignatures.signatureLayer(CosignKeyFile.generate(), REPO, IMAGE);
        assertTrue(attacher.append(TAG, ours));
        assertFalse(attacher.layers(TAG).stream().anyMatch(ours::sameAs), "the stale write replaced ours");
        attacher.confirm();
        List<CosignLayer> stored = attacher.layers(TAG);
        assertTrue(stored.stream().anyMatch(ours::sameAs), "ours is back");
        assertTrue(stored.stream().anyMatch(theirs::sameAs), "theirs is kept");
        assertEquals(1, store.overwrites.get());
    }

    @Test
    void aLayerThatCannotBeKeptIsAnOperationalFailureNeverASuccess() {
        CosignLayer theirs = ImageSignatures.signatureLayer(CosignKeyFile.generate(), REPO, IMAGE);
        CosignAttacher attacher = new CosignAttacher(new StaleWriterAfterOurs(Integer.MAX_VALUE, theirs), FAST);
        attacher.append(TAG, ImageSignatures.signatureLayer(CosignKeyFile.generate(), REPO, IMAGE));
        GateException e = assertThrows(GateException.class, attacher::confirm);
        assertEquals(GateException.Kind.OPERATIONAL, e.kind());
        assertTrue(
                e.getMessage().contains("written but overwritten by a concurrent writer 4 times; not stored"),
                e.getMessage());
    }

    @Test
    void aRerunThatFindsItsKeysSignatureOverThePayloadCountsItAsItsOwn() {
        CosignKeyPair key = CosignKeyFile.generate();
        InMemorySignatureStore store = new InMemorySignatureStore();
        // Two reruns of one job that both found the image unsigned: the one that wrote last is what is stored.
        CosignAttacher first = new CosignAttacher(store, FAST);
        CosignAttacher second = new CosignAttacher(store, FAST);
        CosignLayer firstLayer = ImageSignatures.signatureLayer(key, REPO, IMAGE);
        assertTrue(first.append(TAG, firstLayer, ImageSignatures.sameKeyAndPayload(key, firstLayer)));
        store.put(
                TAG,
                CosignManifest.build(List.of()).manifest(),
                Map.of(
                        Digest.sha256(CosignManifest.build(List.of()).config()),
                        CosignManifest.build(List.of()).config()));
        assertTrue(ImageSignatures.sign(second, key, REPO, IMAGE));
        second.confirm();
        first.confirm();
        assertEquals(1, first.layers(TAG).size(), "one signature per key and payload");
        assertFalse(
                ImageSignatures.sign(new CosignAttacher(store, FAST), key, REPO, IMAGE), "a third run finds it signed");
    }

    @Test
    void concurrentReplacersOfOneTypeKeepEachOthersLayers() {
        String tag = CosignAttacher.attestationTag(IMAGE);
        InMemorySignatureStore store = new InMemorySignatureStore();
        CosignLayer old = new CosignLayer(CosignLayer.DSSE, "old".getBytes(), Map.of("predicateType", "t"));
        new CosignAttacher(store, FAST).append(tag, old);
        CosignAttacher a = new CosignAttacher(store, FAST);
        CosignAttacher b = new CosignAttacher(store, FAST);
        CosignLayer fromA = new CosignLayer(CosignLayer.DSSE, "a".getBytes(), Map.of("predicateType", "t"));
        CosignLayer fromB = new CosignLayer(CosignLayer.DSSE, "b".getBytes(), Map.of("predicateType", "t"));
        a.replace(tag, fromA, l -> "t".equals(l.annotations().get("predicateType")));
        b.replace(tag, fromB, l -> "t".equals(l.annotations().get("predicateType")));
        a.confirm();
        b.confirm();
        List<CosignLayer> stored = a.layers(tag);
        assertTrue(stored.stream().noneMatch(old::sameAs), "the layer both replaced is gone");
        assertTrue(stored.stream().anyMatch(fromA::sameAs) || stored.stream().anyMatch(fromB::sameAs));
        assertTrue(stored.stream().anyMatch(fromB::sameAs), "the last writer's layer is there");
    }
}
