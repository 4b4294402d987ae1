package dev.gate.image.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.image.Reference;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One budget for the clients of a run: a 429 with Retry-After holds every one of them back, and requests in flight are bounded. */
class RequestBudgetTest {

    static final RegistryOptions OPTIONS = new RegistryOptions(Set.of(), 4, CredentialStore.none());

    FakeRegistry registry;

    @BeforeEach
    void start() throws Exception {
        registry = new FakeRegistry();
        for (String repository : new String[] {"team/a", "team/b"}) {
            registry.manifests.put("/v2/" + repository + "/manifests/1.0.0", "{}".getBytes());
            registry.manifestTypes.put(
                    "/v2/" + repository + "/manifests/1.0.0", "application/vnd.oci.image.manifest.v1+json");
        }
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void retryAfterOnOneRepositoryHoldsBackTheOthers() throws Exception {
        RegistryClient shared = RegistryClient.openRegistry(registry.host(), OPTIONS, RequestBudget.of(4));
        shared.ping();
        registry.fault(
                e -> e.getRequestURI().getPath().equals("/v2/team/a/manifests/1.0.0"),
                429,
                Map.of("Retry-After", "2"),
                1);
        CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(
                () -> shared.repository("team/a").headManifest("1.0.0").isPresent());
        while (registry.count("HEAD /v2/team/a/") == 0) {
            Thread.sleep(10);
        }
        Thread.sleep(300); // the 429 has been answered and read
        long start = System.nanoTime();
        assertTrue(shared.repository("team/b").headManifest("1.0.0").isPresent());
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(waited >= 1000, "team/b waited out the pause team/a was told to take: " + waited + " ms");
        assertTrue(first.get(10, TimeUnit.SECONDS));
        assertEquals(2, registry.count("HEAD /v2/team/a/"), registry.requests.toString());
    }

    @Test
    void clientsOutsideABudgetAreNotHeldBack() throws Exception {
        RegistryClient a = RegistryClient.open(Reference.parse(registry.host() + "/team/a"), OPTIONS);
        RegistryClient b = RegistryClient.open(Reference.parse(registry.host() + "/team/b"), OPTIONS);
        b.ping();
        registry.fault(
                e -> e.getRequestURI().getPath().equals("/v2/team/a/manifests/1.0.0"),
                429,
                Map.of("Retry-After", "2"),
                1);
        CompletableFuture<Boolean> first =
                CompletableFuture.supplyAsync(() -> a.headManifest("1.0.0").isPresent());
        while (registry.count("HEAD /v2/team/a/") == 0) {
            Thread.sleep(10);
        }
        Thread.sleep(300);
        long start = System.nanoTime();
        assertTrue(b.headManifest("1.0.0").isPresent());
        assertTrue(
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 1000,
                "a single-image command keeps its own pace");
        assertTrue(first.get(10, TimeUnit.SECONDS));
    }

    @Test
    void boundsRequestsInFlight() throws Exception {
        RequestBudget budget = RequestBudget.of(2);
        budget.enter();
        budget.enter();
        CompletableFuture<Void> third = CompletableFuture.runAsync(budget::enter);
        Thread.sleep(200);
        assertFalse(third.isDone(), "a third request waits for a place");
        budget.leave();
        third.get(5, TimeUnit.SECONDS);
    }
}
