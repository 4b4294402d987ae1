package dev.gate.image.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.errors.GateException;
import dev.gate.image.Reference;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tags and catalog across Link pages (which Distribution 2.8 does not send, but registries in the wild do). */
class ListingTest {

    static final RegistryOptions OPTIONS = new RegistryOptions(Set.of(), 1, CredentialStore.none());

    FakeRegistry registry;

    @BeforeEach
    void start() throws Exception {
        registry = new FakeRegistry();
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    private void tag(String repository, String... tags) {
        for (String tag : tags) {
            registry.manifests.put("/v2/" + repository + "/manifests/" + tag, "{}".getBytes());
            registry.manifestTypes.put(
                    "/v2/" + repository + "/manifests/" + tag, "application/vnd.oci.image.manifest.v1+json");
        }
    }

    private RegistryClient client(String repository) {
        return RegistryClient.open(Reference.parse(registry.host() + "/" + repository), OPTIONS);
    }

    @Test
    void tagsFollowEveryLinkPage() {
        tag("team/app", "1.0.0", "1.1.0", "2.0.0", "latest", "v3");
        registry.pageSize = 2;
        assertEquals(
                List.of("1.0.0", "1.1.0", "2.0.0", "latest", "v3"),
                client("team/app").tags());
        assertEquals(3, registry.count("GET /v2/team/app/tags/list"), registry.requests.toString());
        assertTrue(
                registry.requests.contains("GET /v2/team/app/tags/list?n=2&last=1.1.0"), registry.requests.toString());
    }

    @Test
    void catalogFollowsEveryLinkPage() {
        tag("team/app", "1");
        tag("team/api", "1");
        tag("other", "1");
        registry.pageSize = 1;
        assertEquals(
                List.of("other", "team/api", "team/app"),
                RegistryClient.openRegistry(registry.host(), OPTIONS).catalog());
        assertEquals(3, registry.count("GET /v2/_catalog"));
    }

    @Test
    void unknownRepositoryIsAnInputError() {
        GateException error =
                assertThrows(GateException.class, () -> client("team/none").tags());
        assertEquals(GateException.Kind.INPUT, error.kind());
        assertEquals(registry.host() + "/team/none: no such repository (404)", error.getMessage());
    }

    @Test
    void linkToAnotherOriginIsRefused() {
        tag("team/app", "1.0.0");
        registry.fault(
                e -> e.getRequestURI().getPath().endsWith("/tags/list"),
                200,
                Map.of("Link", "<http://elsewhere.example/v2/team/app/tags/list?last=1.0.0>; rel=\"next\""),
                1);
        GateException error =
                assertThrows(GateException.class, () -> client("team/app").tags());
        assertEquals(GateException.Kind.OPERATIONAL, error.kind());
        assertTrue(error.getMessage().contains("a Link to a page outside its API"), error.getMessage());
    }

    @Test
    void linkBackToASeenPageEndsTheWalk() {
        tag("team/app", "1.0.0");
        registry.fault(
                e -> e.getRequestURI().getPath().endsWith("/tags/list"),
                200,
                Map.of("Link", "</v2/team/app/tags/list>; rel=\"next\""),
                1000);
        assertEquals(List.of(), client("team/app").tags());
        assertEquals(1, registry.count("GET /v2/team/app/tags/list"));
    }

    @Test
    void entriesThatAreNotNamesAreRefusedEscaped() {
        tag("team/app", "1.0.0", "bad\u001b[2Jtag");
        GateException error =
                assertThrows(GateException.class, () -> client("team/app").tags());
        assertEquals(GateException.Kind.OPERATIONAL, error.kind());
        assertTrue(error.getMessage().contains("\\x1b"), error.getMessage());
        assertFalse(error.getMessage().contains("\u001b"), "never printed raw");
    }
}
