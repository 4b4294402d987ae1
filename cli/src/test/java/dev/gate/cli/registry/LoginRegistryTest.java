package dev.gate.cli.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.cli.GateProcess;
import dev.gate.cli.InProcessGate.Run;
import dev.gate.image.testing.LoopbackServices;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gate login and logout against the real htpasswd + TLS and token registries, in a child JVM (its HOME, PATH and
 * standard input are the test's); podman and skopeo read what gate wrote.
 */
class LoginRegistryTest {

    static final Path SAMPLE = Path.of(System.getProperty("gate.root", "..")).resolve("testdata/sample");

    @TempDir
    Path home;

    private Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString());
        return env;
    }

    private Run gate(String stdin, String... args) throws Exception {
        return GateProcess.run(environment(), null, stdin, args);
    }

    @Test
    void loginToTheTlsRegistryKeepsOtherEntriesAndIsReadByPodman() throws Exception {
        String host = LoopbackServices.require("GATE_REGISTRY_TLS");
        String user = LoopbackServices.require("GATE_REGISTRY_USER");
        String password = LoopbackServices.require("GATE_REGISTRY_PASSWORD");
        Path auth = home.resolve("auth.json");
        Files.writeString(
                auth, "{\"auths\":{\"other.example\":{\"auth\":\"b3RoZXI6c2VjcmV0\"}},\"psFormat\":\"table {{.ID}}\"}");

        Run login = gate(
                password + "\n",
                "login",
                "--authfile",
                auth.toString(),
                "--registry-ca",
                LoopbackServices.require("GATE_REGISTRY_CA"),
                "--username",
                user,
                "--password-stdin",
                host);
        assertEquals(0, login.code(), login.toString());
        assertFalse(login.toString().contains(password), login.toString());

        JsonNode written = new ObjectMapper().readTree(auth.toFile());
        assertEquals("b3RoZXI6c2VjcmV0", written.at("/auths/other.example/auth").asText());
        assertEquals("table {{.ID}}", written.path("psFormat").asText());
        String pair = new String(
                Base64.getDecoder()
                        .decode(written.path("auths").path(host).path("auth").asText()),
                StandardCharsets.UTF_8);
        assertEquals(user + ":" + password, pair);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(auth)));
        try (var entries = Files.list(home)) {
            assertEquals(1, entries.count(), "no temporary file left beside the credentials");
        }
        assertEquals(
                user,
                run("podman", "login", "--get-login", "--authfile", auth.toString(), host)
                        .strip());

        String to = host + "/chores-login-" + UUID.randomUUID() + ":1.0.0";
        Run push = gate(
                "",
                "push",
                "-q",
                "--authfile",
                auth.toString(),
                "--registry-ca",
                LoopbackServices.require("GATE_REGISTRY_CA"),
                "oci:" + SAMPLE + ":1.0.0",
                to);
        assertEquals(0, push.code(), push.toString());
    }

    @Test
    void aWrongPasswordIsRefusedByTheRegistryAndNothingIsSaved() throws Exception {
        String host = LoopbackServices.require("GATE_REGISTRY_TLS");
        Path auth = home.resolve("auth.json");
        String wrong = "not-the-password-" + UUID.randomUUID();

        Run login = gate(
                wrong,
                "login",
                "--authfile",
                auth.toString(),
                "--registry-ca",
                LoopbackServices.require("GATE_REGISTRY_CA"),
                "-u",
                LoopbackServices.require("GATE_REGISTRY_USER"),
                "--password-stdin",
                host);
        assertEquals(3, login.code(), login.toString());
        assertTrue(login.err().contains("wrong username or password"), login.err());
        assertEquals(1, login.err().lines().count(), login.err());
        assertFalse(login.toString().contains(wrong), login.toString());
        assertFalse(Files.exists(auth));
    }

    @Test
    void loginThroughTheTokenServiceChecksThePasswordBeforeSaving() throws Exception {
        String host = LoopbackServices.require("GATE_REGISTRY_TOKEN");
        LoopbackServices.require("GATE_TOKEN_ISSUER");
        Path auth = home.resolve("auth.json");
        String wrong = "wrong-" + UUID.randomUUID();

        Run refused =
                gate(wrong + "\n", "login", "--authfile", auth.toString(), "-u", "gate", "--password-stdin", host);
        assertEquals(3, refused.code(), refused.toString());
        assertTrue(refused.err().contains("wrong username or password"), refused.err());
        assertFalse(refused.toString().contains(wrong), refused.toString());
        assertFalse(Files.exists(auth));

        Run login =
                gate("gate-secret\n", "login", "--authfile", auth.toString(), "-u", "gate", "--password-stdin", host);
        assertEquals(0, login.code(), login.toString());
        assertFalse(login.toString().contains("gate-secret"), login.toString());
        String to = host + "/chores-token-" + UUID.randomUUID() + ":1.0.0";
        Run push = gate("", "push", "-q", "--authfile", auth.toString(), "oci:" + SAMPLE + ":1.0.0", to);
        assertEquals(0, push.code(), push.toString());
        assertEquals(
                "gate",
                run("podman", "login", "--get-login", "--authfile", auth.toString(), host)
                        .strip());
    }

    @Test
    void withoutAuthfileTheFirstExistingFileOfTheLookupOrderIsWritten() throws Exception {
        String host = LoopbackServices.require("GATE_REGISTRY_TOKEN");
        Run first = gate("gate-secret", "login", "-u", "gate", "--password-stdin", host);
        assertEquals(0, first.code(), first.toString());
        Path docker = home.resolve(".docker/config.json");
        assertTrue(
                Files.isRegularFile(docker), "a new login goes to docker's config.json, which docker and podman read");

        Path containers =
                Files.createDirectories(home.resolve(".config/containers")).resolve("auth.json");
        Files.writeString(containers, "{\"auths\":{}}");
        Run second = gate("gate-secret", "login", "-u", "gate", "--password-stdin", host);
        assertEquals(0, second.code(), second.toString());
        assertTrue(
                new ObjectMapper().readTree(containers.toFile()).path("auths").has(host),
                "the file read first gets it");

        Run logout = gate("", "logout", host);
        assertEquals(0, logout.code(), logout.toString());
        assertFalse(
                new ObjectMapper().readTree(containers.toFile()).path("auths").has(host));
        assertFalse(
                new ObjectMapper().readTree(docker.toFile()).path("auths").has(host),
                "logged out wherever gate would look");
        Run again = gate("", "logout", host);
        assertEquals(0, again.code(), again.toString());
        assertTrue(again.out().contains("Not logged in"), again.out());
    }

    @Test
    void logoutRemovesOnlyThatRegistry() throws Exception {
        Path auth = home.resolve("config.json");
        Files.writeString(
                auth,
                "{\"auths\":{\"a.example\":{\"auth\":\"YTpi\"},\"https://b.example\":{\"auth\":\"Yzpk\"}},"
                        + "\"detachKeys\":\"ctrl-p\"}");
        Run logout = gate("", "logout", "--authfile", auth.toString(), "b.example");
        assertEquals(0, logout.code(), logout.toString());
        JsonNode left = new ObjectMapper().readTree(auth.toFile());
        assertEquals("YTpi", left.at("/auths/a.example/auth").asText());
        assertFalse(left.path("auths").has("https://b.example"));
        assertEquals("ctrl-p", left.path("detachKeys").asText());
    }

    @Test
    void aConfiguredCredentialHelperStoresGetsAndErases() throws Exception {
        String host = LoopbackServices.require("GATE_REGISTRY_TLS");
        String user = LoopbackServices.require("GATE_REGISTRY_USER");
        String password = LoopbackServices.require("GATE_REGISTRY_PASSWORD");
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path kept = home.resolve("helper-store.json");
        // a credential store in one file: store keeps the JSON it is given, get answers it, erase forgets it
        Path helper = bin.resolve("docker-credential-choresfile");
        Files.writeString(helper, """
                #!/bin/sh
                case "$1" in
                  store) cat > '%1$s' ;;
                  get) read -r server; [ -f '%1$s' ] && cat '%1$s' || { echo "credentials not found"; exit 1; } ;;
                  erase) read -r server; [ -f '%1$s' ] && rm '%1$s' || exit 1 ;;
                esac
                """.formatted(kept));
        Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwx------"));
        Path auth = home.resolve("config.json");
        Files.writeString(
                auth,
                "{\"credHelpers\":{\"" + host + "\":\"choresfile\"},\"auths\":{\"" + host
                        + "\":{\"auth\":\"c3RhbGU6b2xk\"}}}");
        Map<String, String> env = environment();
        env.put("PATH", bin + ":" + System.getenv("PATH"));
        String ca = LoopbackServices.require("GATE_REGISTRY_CA");

        Run login = GateProcess.run(
                env,
                null,
                password,
                "login",
                "--authfile",
                auth.toString(),
                "--registry-ca",
                ca,
                "-u",
                user,
                "--password-stdin",
                host);
        assertEquals(0, login.code(), login.toString());
        JsonNode stored = new ObjectMapper().readTree(kept.toFile());
        assertEquals(host, stored.path("ServerURL").asText());
        assertEquals(user, stored.path("Username").asText());
        assertEquals(password, stored.path("Secret").asText());
        assertFalse(
                Files.readString(auth).contains(Base64.getEncoder().encodeToString((user + ":" + password).getBytes())),
                "the password is in the helper, not the file");
        assertFalse(new ObjectMapper().readTree(auth.toFile()).path("auths").has(host), "the stale entry is gone");

        String to = host + "/chores-helper-" + UUID.randomUUID() + ":1.0.0";
        Run push = GateProcess.run(
                env,
                null,
                "",
                "push",
                "-q",
                "--authfile",
                auth.toString(),
                "--registry-ca",
                ca,
                "oci:" + SAMPLE + ":1.0.0",
                to);
        assertEquals(0, push.code(), push.toString());

        Run logout = GateProcess.run(env, null, "", "logout", "--authfile", auth.toString(), host);
        assertEquals(0, logout.code(), logout.toString());
        assertFalse(Files.exists(kept), "the helper was asked to erase");
    }

    @Test
    void noPasswordOnStandardInputIsAUsageError() throws Exception {
        Run login = gate(
                "",
                "login",
                "--authfile",
                home.resolve("a.json").toString(),
                "-u",
                "x",
                "--password-stdin",
                "127.0.0.1:1");
        assertEquals(2, login.code(), login.toString());
        Run notARegistry = gate(
                "pw",
                "login",
                "--authfile",
                home.resolve("a.json").toString(),
                "-u",
                "x",
                "--password-stdin",
                "example.com/team/app");
        assertEquals(2, notARegistry.code(), notARegistry.toString());
        Run colon = gate(
                "pw",
                "login",
                "--authfile",
                home.resolve("a.json").toString(),
                "-u",
                "a:b",
                "--password-stdin",
                "127.0.0.1:1");
        assertEquals(2, colon.code(), colon.toString());
    }

    static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), String.join(" ", command) + ": " + output);
        return output;
    }
}
