package dev.gate.image.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.errors.GateException;
import dev.gate.image.Artifact;
import dev.gate.image.Reference;
import dev.gate.image.layout.LayoutSource;
import dev.gate.image.transport.PushListener;
import dev.gate.image.transport.PushReport;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Distribution with {@code auth: token} and the test issuer: bearer tokens per scope, as registries in the wild. */
class TokenRegistryTest {

    static final Path SAMPLE = Path.of(System.getProperty("gate.root", "..")).resolve("testdata/sample");

    static RegistryOptions withLogin(String host) throws Exception {
        return RegistryOptions.defaults().withCredentials(new CredentialStore(List.of(LocalServices.authFile(host))));
    }

    static String digestBySkopeo(String host, String reference) throws Exception {
        return LocalServices.run(
                        "skopeo",
                        "inspect",
                        "--tls-verify=false",
                        "--authfile",
                        LocalServices.authFile(host).toString(),
                        "--format",
                        "{{.Digest}}",
                        "docker://" + reference)
                .strip();
    }

    @Test
    void pushWithCredentialsThenAnonymousPullIsRefusedClearly() throws Exception {
        String host = LocalServices.tokenRegistry();
        Reference destination = Reference.parse(host + "/it/token-" + UUID.randomUUID() + ":1.0.0");
        Artifact sample = new LayoutSource(SAMPLE, "1.0.0").resolve();

        PushReport pushed = new RegistrySink(destination, withLogin(host)).write(sample, PushListener.NONE);
        assertEquals(sample.descriptor().digest(), pushed.root().digest());
        assertEquals(sample.descriptor().digest().toString(), digestBySkopeo(host, destination.toString()));

        RegistryOptions anonymous = RegistryOptions.defaults().withCredentials(CredentialStore.none());
        GateException refused = assertThrows(
                GateException.class,
                () -> RegistrySource.open(destination, anonymous).resolve());
        assertEquals(GateException.Kind.OPERATIONAL, refused.kind());
        assertTrue(refused.getMessage().contains("unauthorized"), refused.getMessage());
        assertTrue(refused.getMessage().contains("login"), refused.getMessage());
        assertEquals(1, refused.getMessage().lines().count());

        Artifact pulled = RegistrySource.open(destination, withLogin(host)).resolve();
        assertEquals(sample.descriptor().digest(), pulled.descriptor().digest());
    }

    @Test
    void wrongPasswordIsNamedAndNotPrinted() throws Exception {
        String host = LocalServices.tokenRegistry();
        Path auth = java.nio.file.Files.createTempFile("gate-auth", ".json");
        java.nio.file.Files.writeString(
                auth,
                "{\"auths\":{\"" + host + "\":{\"auth\":\""
                        + java.util.Base64.getEncoder().encodeToString("gate:not-the-password".getBytes()) + "\"}}}");
        RegistryOptions wrong = RegistryOptions.defaults().withCredentials(new CredentialStore(List.of(auth)));
        Reference destination = Reference.parse(host + "/it/wrong-" + UUID.randomUUID() + ":1");
        GateException error = assertThrows(
                GateException.class,
                () -> new RegistrySink(destination, wrong)
                        .write(new LayoutSource(SAMPLE, "1.0.0").resolve(), PushListener.NONE));
        assertTrue(error.getMessage().contains("wrong username or password"), error.getMessage());
        assertFalse(error.getMessage().contains("not-the-password"));
    }

    @Test
    void crossRepositoryMountAsksForBothScopesAndIsReported() throws Exception {
        String host = LocalServices.tokenRegistry();
        RegistryOptions login = withLogin(host);
        Reference first = Reference.parse(host + "/it/mount-from-" + UUID.randomUUID() + ":1.0.0");
        Reference second = Reference.parse(host + "/it/mount-to-" + UUID.randomUUID() + ":1.0.0");
        new RegistrySink(first, login).write(new LayoutSource(SAMPLE, "1.0.0").resolve(), PushListener.NONE);

        Artifact fromRegistry = RegistrySource.open(first, login).resolve();
        PushReport copied = new RegistrySink(second, login).write(fromRegistry, PushListener.NONE);
        assertEquals(2, copied.blobs().size());
        assertTrue(
                copied.blobs().stream().allMatch(b -> b.outcome() == PushListener.Outcome.MOUNTED), copied.toString());
        assertEquals(fromRegistry.descriptor().digest().toString(), digestBySkopeo(host, second.toString()));
    }
}
