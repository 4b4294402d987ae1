package dev.gate.image.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.errors.GateException;
import dev.gate.image.Artifact;
import dev.gate.image.Descriptor;
import dev.gate.image.MediaTypes;
import dev.gate.image.Reference;
import dev.gate.image.layout.LayoutSource;
import dev.gate.image.transport.PushListener;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Credentials go to the registry's own origin only: not across redirects, not to a plain-HTTP token realm elsewhere. */
class CredentialOriginTest {

    static final String PASSWORD = "s3cret-pass";

    @TempDir
    Path temp;

    FakeRegistry registry;
    FakeRegistry elsewhere;

    @BeforeEach
    void start() throws Exception {
        registry = new FakeRegistry();
        elsewhere = new FakeRegistry();
    }

    @AfterEach
    void stop() {
        registry.close();
        elsewhere.close();
    }

    RegistryOptions login() throws Exception {
        Path config = temp.resolve("config.json");
        String auth = Base64.getEncoder().encodeToString(("gate:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        Files.writeString(config, "{\"auths\":{\"" + registry.host() + "\":{\"auth\":\"" + auth + "\"}}}");
        return new RegistryOptions(Set.of(), 2, new CredentialStore(List.of(config)));
    }

    RegistryClient client(RegistryOptions options) {
        return RegistryClient.open(Reference.parse(registry.host() + "/team/app:1.0.0"), options);
    }

    private void redirectElsewhere(String method, String pathPart) {
        registry.fault(
                e -> e.getRequestMethod().equals(method)
                        && e.getRequestURI().getPath().contains(pathPart),
                307,
                Map.of("Location", "http://" + elsewhere.host() + "/v2/team/app/" + pathPart),
                100);
    }

    private void assertNothingReachedElsewhere() {
        assertFalse(elsewhere.requests.isEmpty(), "the redirect was followed");
        assertTrue(
                elsewhere.authorizations.stream().allMatch(String::isEmpty), "no Authorization sent to another origin");
        assertTrue(
                registry.authorizations.stream().anyMatch(a -> a.startsWith("Basic ")),
                "credentials were used at home");
    }

    @Test
    void redirectedTagListingKeepsBasicCredentialsHome() throws Exception {
        registry.requireBasic("gate", PASSWORD);
        elsewhere.manifests.put("/v2/team/app/manifests/1.0.0", "{}".getBytes());
        redirectElsewhere("GET", "tags/list");
        assertEquals(List.of("1.0.0"), client(login()).tags());
        assertNothingReachedElsewhere();
    }

    @Test
    void redirectedBlobDownloadKeepsBasicCredentialsHome() throws Exception {
        registry.requireBasic("gate", PASSWORD);
        byte[] blob = "layer bytes".getBytes(StandardCharsets.UTF_8);
        Descriptor descriptor = Descriptor.of(MediaTypes.OCI_LAYER, dev.gate.image.Digest.sha256(blob), blob.length);
        elsewhere.blobs.put(descriptor.digest().toString(), blob);
        redirectElsewhere("GET", "blobs/" + descriptor.digest());
        try (InputStream in = client(login()).openBlob(descriptor)) {
            assertEquals("layer bytes", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertNothingReachedElsewhere();
    }

    @Test
    void redirectedUploadKeepsBasicCredentialsHome() throws Exception {
        registry.requireBasic("gate", PASSWORD);
        redirectElsewhere("POST", "blobs/uploads/");
        Artifact sample = new LayoutSource(RegistrySinkTest.SAMPLE, "1.0.0").resolve();
        new RegistrySink(Reference.parse(registry.host() + "/team/app:1.0.0"), login())
                .write(sample, PushListener.NONE);
        assertEquals(2, elsewhere.blobs.size(), "the blobs went where the registry sent them");
        assertTrue(registry.manifests.containsKey("/v2/team/app/manifests/1.0.0"));
        assertNothingReachedElsewhere();
    }

    @Test
    void redirectToPlainHttpOnAnotherHostIsRefused() throws Exception {
        registry.requireBasic("gate", PASSWORD);
        registry.fault(
                e -> e.getRequestURI().getPath().contains("tags/list"),
                307,
                Map.of("Location", "http://storage.example/v2/team/app/tags/list"),
                100);
        GateException refused =
                assertThrows(GateException.class, () -> client(login()).tags());
        assertEquals(GateException.Kind.OPERATIONAL, refused.kind());
        assertTrue(
                refused.getMessage()
                        .contains("'http://storage.example/v2/team/app/tags/list' over plain HTTP; refused"),
                refused.getMessage());
        assertEquals(1, registry.count("GET /v2/team/app/tags/list"), "refused at once, not retried");
    }

    private void challengeWithRealm(String realm) {
        registry.clearFaults();
        registry.fault(
                e -> true, 401, Map.of("WWW-Authenticate", "Bearer realm=\"" + realm + "\",service=\"fake\""), 100);
    }

    @Test
    void plainHttpRealmOnAnotherHostIsRefusedBeforeAnyConnection() throws Exception {
        for (String realm : List.of(
                "http://realm.example/token", "http://127.0.0.1.nip.io/token", "http://127.evil.example:80/token")) {
            challengeWithRealm(realm);
            GateException refused =
                    assertThrows(GateException.class, () -> client(login()).getManifest("1.0.0"));
            assertEquals(GateException.Kind.OPERATIONAL, refused.kind());
            assertTrue(
                    refused.getMessage().contains("token realm '" + realm + "' is plain HTTP"), refused.getMessage());
            assertFalse(refused.getMessage().contains(PASSWORD));
            assertEquals(1, refused.getMessage().lines().count());
        }
    }

    @Test
    void realmOverHttpsOrOnAnInsecureRegistryHostIsTried() throws Exception {
        challengeWithRealm("http://realm.example/token");
        RegistryOptions allowed = login().withInsecure(Set.of("realm.example"));
        GateException tried =
                assertThrows(GateException.class, () -> client(allowed).getManifest("1.0.0"));
        assertTrue(
                tried.getMessage().contains("token service of " + registry.host() + " is unreachable"),
                tried.getMessage());

        challengeWithRealm("https://realm.example/token");
        GateException https =
                assertThrows(GateException.class, () -> client(login()).getManifest("1.0.0"));
        assertTrue(
                https.getMessage().contains("token service of " + registry.host() + " is unreachable"),
                https.getMessage());
    }

    @Test
    void plainHttpOnlyForLoopbackLiteralsAndNamedHosts() {
        RegistryOptions options = new RegistryOptions(Set.of("registry.internal:5000"), 1, CredentialStore.none());
        for (String host :
                List.of("localhost:5000", "127.0.0.1:5101", "127.1.2.3", "[::1]:5000", "registry.internal:5000")) {
            assertTrue(options.plainHttpAllowed(host), host);
        }
        for (String host : List.of(
                "127.evil.example",
                "127.0.0.1.nip.io:5000",
                "registry.internal",
                "registry.internal:5001",
                "localhost.example:5000",
                "10.0.0.1:5000")) {
            assertFalse(options.plainHttpAllowed(host), host);
        }
    }
}
