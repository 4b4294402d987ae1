package dev.gate.image.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.image.Descriptor;
import dev.gate.image.Digest;
import dev.gate.image.MediaTypes;
import dev.gate.image.Reference;
import dev.gate.image.merge.Convergence;
import dev.gate.image.merge.MergedWrites;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Another writer's referrers index landing between this writer's read and its write: a registry that honours
 * conditional requests refuses the stale write (412), and the entry is merged again at once; one that ignores them
 * takes it, and only the later confirmation can notice.
 */
class ConditionalWriteTest {

    private static final Digest SUBJECT = Digest.sha256("image".getBytes(StandardCharsets.UTF_8));
    private static final String TAG = "/v2/team/app/manifests/" + Referrers.fallbackTag(SUBJECT);
    private static final Convergence FAST = new Convergence(200_000_000L, 250_000_000L, 4, 1_000_000L);

    private FakeRegistry registry;
    private RegistryClient client;

    @BeforeEach
    void start() throws Exception {
        registry = new FakeRegistry();
        registry.referrersApi = false;
        client = RegistryClient.open(Reference.parse(registry.host() + "/team/app:1.0.0"), RegistryOptions.defaults());
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    /** On the first write to the fallback tag, another writer's index (listing {@code theirs}) lands first. */
    private void anotherWriterLandsFirst(Descriptor theirs) {
        AtomicBoolean once = new AtomicBoolean(true);
        registry.beforeManifestPut = path -> {
            if (path.equals(TAG) && once.getAndSet(false)) {
                registry.manifests.put(TAG, Referrers.withReferrer(Optional.empty(), theirs, "their/type", "test"));
                registry.manifestTypes.put(TAG, MediaTypes.OCI_INDEX);
            }
        };
    }

    private static Descriptor referrer(String name) {
        byte[] raw = ("{\"name\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8);
        return Descriptor.of(MediaTypes.OCI_MANIFEST, Digest.sha256(raw), raw.length);
    }

    private boolean lists(Descriptor referrer) {
        return new String(registry.manifests.get(TAG), StandardCharsets.UTF_8)
                .contains(referrer.digest().toString());
    }

    private void publish(Descriptor ours, MergedWrites writes) {
        byte[] raw = ("{\"name\":\"ours\"}").getBytes(StandardCharsets.UTF_8);
        Referrers.publish(client, ours, raw, "our/type", SUBJECT, writes);
    }

    @Test
    void aRegistryWithConditionalWritesRefusesTheStaleWriteAndTheEntryIsMergedAgain() {
        registry.conditionalWrites = true;
        Descriptor theirs = referrer("theirs");
        Descriptor ours = referrer("ours");
        anotherWriterLandsFirst(theirs);
        MergedWrites writes = new MergedWrites(FAST);
        publish(ours, writes);
        assertTrue(lists(theirs), "the other writer's entry is kept by the write itself");
        assertTrue(lists(ours));
        assertEquals(
                2,
                registry.requests.stream().filter(r -> r.equals("PUT " + TAG)).count(),
                "refused once (412), then written");
        writes.confirm();
    }

    @Test
    void aRegistryWithoutThemTakesTheStaleWriteAndOnlyConfirmationCanTell() {
        Descriptor theirs = referrer("theirs");
        Descriptor ours = referrer("ours");
        anotherWriterLandsFirst(theirs);
        MergedWrites writes = new MergedWrites(FAST);
        publish(ours, writes);
        assertFalse(lists(theirs), "the other writer lost its entry to the stale write");
        assertTrue(lists(ours));
        writes.confirm();
        assertEquals(1, registry.manifests.keySet().stream().filter(TAG::equals).count());
    }
}
