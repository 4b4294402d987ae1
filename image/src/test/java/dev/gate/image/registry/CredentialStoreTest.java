package dev.gate.image.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.errors.GateException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialStoreTest {

    @TempDir
    Path temp;

    @Test
    void readsAuthsInEveryForm() throws Exception {
        Path config = temp.resolve("config.json");
        Files.writeString(config, """
                {"auths": {
                  "registry.example.com": {"auth": "dXNlcjpwYXNzOndpdGg6Y29sb25z"},
                  "https://index.docker.io/v1/": {"username": "hub", "password": "hubpass"},
                  "ghcr.io": {"identitytoken": "refresh-me"}
                }}""");
        CredentialStore store = new CredentialStore(List.of(config));
        Credential basic = store.lookup("registry.example.com").orElseThrow();
        assertEquals("user", basic.username());
        assertEquals("pass:with:colons", basic.secret());
        assertEquals("hub", store.lookup("docker.io").orElseThrow().username());
        assertTrue(store.lookup("ghcr.io").orElseThrow().identityToken());
        assertFalse(store.lookup("other.example.com").isPresent());
    }

    @Test
    void firstFileWins() throws Exception {
        Path auth = temp.resolve("auth.json");
        Path docker = temp.resolve("config.json");
        Files.writeString(auth, "{\"auths\":{\"r.example\":{\"auth\":\"YTpi\"}}}");
        Files.writeString(docker, "{\"auths\":{\"r.example\":{\"auth\":\"Yzpk\"}}}");
        assertEquals(
                "a",
                new CredentialStore(List.of(auth, docker))
                        .lookup("r.example")
                        .orElseThrow()
                        .username());
    }

    @Test
    void anEmptyEntryAsDockerWritesBesideACredsStoreIsNoCredential() throws Exception {
        Path first = temp.resolve("config.json");
        Path second = temp.resolve("auth.json");
        Files.writeString(first, "{\"auths\":{\"r.example\":{}}}");
        Files.writeString(second, "{\"auths\":{\"r.example\":{\"auth\":\"YTpi\"}}}");
        assertEquals(
                "a",
                new CredentialStore(List.of(first, second))
                        .lookup("r.example")
                        .orElseThrow()
                        .username());
    }

    @Test
    void malformedEntriesNameTheFileAndKey() throws Exception {
        Path config = temp.resolve("config.json");
        Files.writeString(config, "{\"auths\":{\"r.example\":{\"auth\":\"bm9jb2xvbg==\"}}}");
        GateException error =
                assertThrows(GateException.class, () -> new CredentialStore(List.of(config)).lookup("r.example"));
        assertTrue(error.getMessage().contains(config.toString())
                && error.getMessage().contains("auths.r.example.auth"));
        assertFalse(error.getMessage().contains("nocolon"), "the secret is not echoed");
    }

    @Test
    void helperNamesThatAreNotPlainNamesAreRefusedBeforeAnythingRuns() throws Exception {
        Path config = temp.resolve("config.json");
        Files.writeString(config, "{\"credHelpers\":{\"r.example\":\"x/evil\"}}");
        GateException helper =
                assertThrows(GateException.class, () -> new CredentialStore(List.of(config)).lookup("r.example"));
        assertEquals(GateException.Kind.INPUT, helper.kind(), helper.getMessage());
        assertTrue(
                helper.getMessage().startsWith(config + ": 'credHelpers.r.example' is 'x/evil'"), helper.getMessage());

        Files.writeString(config, "{\"credsStore\":\"../../tmp/pwn\\n\"}");
        GateException store =
                assertThrows(GateException.class, () -> new CredentialStore(List.of(config)).lookup("r.example"));
        assertEquals(GateException.Kind.INPUT, store.kind(), store.getMessage());
        assertTrue(store.getMessage().contains(config + ": 'credsStore'"), store.getMessage());
        assertFalse(store.getMessage().contains("\n"), "the name is escaped, not printed raw");
    }

    private Path helper(String script) throws Exception {
        Path program = temp.resolve("docker-credential-test");
        Files.writeString(program, "#!/bin/sh\n" + script + "\n");
        program.toFile().setExecutable(true);
        return program;
    }

    @Test
    void helperAnswersAreRead() throws Exception {
        Path program = helper(
                "read registry; printf '{\"ServerURL\":\"%s\",\"Username\":\"u\",\"Secret\":\"s\"}' \"$registry\"");
        Credential found = CredentialHelper.run(List.of(program.toString(), "get"), "r.example", Duration.ofSeconds(10))
                .orElseThrow();
        assertEquals("u", found.username());
        assertEquals("s", found.secret());
        Path none = helper("exit 1");
        assertTrue(CredentialHelper.run(List.of(none.toString(), "get"), "r.example", Duration.ofSeconds(10))
                .isEmpty());
    }

    @Test
    void helperThatHangsOrFloodsEndsTheRun() throws Exception {
        Path hangs = helper("exec sleep 30");
        GateException slow = assertTimeoutPreemptively(
                Duration.ofSeconds(10),
                () -> assertThrows(
                        GateException.class,
                        () -> CredentialHelper.run(
                                List.of(hangs.toString(), "get"), "r.example", Duration.ofMillis(500))));
        assertEquals(GateException.Kind.OPERATIONAL, slow.kind());
        assertTrue(slow.getMessage().endsWith("did not answer within 500 ms"), slow.getMessage());

        Path floods = helper("exec yes secret-ish");
        GateException big = assertTimeoutPreemptively(
                Duration.ofSeconds(10),
                () -> assertThrows(
                        GateException.class,
                        () -> CredentialHelper.run(
                                List.of(floods.toString(), "get"), "r.example", Duration.ofSeconds(5))));
        assertEquals(GateException.Kind.OPERATIONAL, big.kind());
        assertTrue(big.getMessage().endsWith("answered more than 64 KiB"), big.getMessage());
        assertFalse(big.getMessage().contains("secret-ish"));
    }

    @Test
    void secretsNeverPrint() {
        assertFalse(Credential.password("u", "hunter2").toString().contains("hunter2"));
    }
}
