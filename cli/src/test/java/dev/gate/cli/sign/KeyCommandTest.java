package dev.gate.cli.sign;

import static dev.gate.cli.InProcessGate.onlyKeyPassword;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.cli.Environment;
import dev.gate.cli.InProcessGate;
import dev.gate.image.testing.TestMaterial;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Environment environment = Environment.system();

    @Test
    void generateWritesAPairThatKeyPublicReads(@TempDir Path dir) throws Exception {
        password("pw-1");
        String prefix = dir.resolve("release").toString();
        assertEquals(0, run("key", "generate", "--output-key-prefix", prefix), err.toString());
        Path key = dir.resolve("release.key");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertTrue(Files.readString(key).startsWith("-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----"));
        out.getBuffer().setLength(0);
        assertEquals(0, run("key", "public", "--key", key.toString()), err.toString());
        assertEquals(Files.readString(dir.resolve("release.pub")), out.toString());
        assertEquals(2, run("key", "generate", "--output-key-prefix", prefix));
        assertTrue(err.toString().contains("already exists"), err.toString());
    }

    @Test
    void aMissingFolderIsNamedWithExitTwo(@TempDir Path dir) {
        password("pw-1");
        Path missing = dir.resolve("no-such-folder");
        assertEquals(
                2,
                run(
                        "key",
                        "generate",
                        "--output-key-prefix",
                        missing.resolve("release").toString()));
        assertTrue(
                err.toString()
                        .startsWith("gate: cannot write " + missing.resolve("release.key") + ": no such directory "
                                + missing),
                err.toString());
        assertFalse(Files.exists(missing));
    }

    @Test
    void wrongPasswordExitsTwoWithoutEchoingIt(@TempDir Path dir) {
        password("right-pw");
        assertEquals(
                0,
                run("key", "generate", "--output-key-prefix", dir.resolve("k").toString()));
        password("not-the-pw");
        assertEquals(2, run("key", "public", "--key", dir.resolve("k.key").toString()));
        assertTrue(err.toString().startsWith("gate: " + dir.resolve("k.key") + ": wrong password"), err.toString());
        assertFalse(err.toString().contains("not-the-pw"));
    }

    @Test
    void cosignWrittenKeyPrintsItsPublicKey() {
        Path key = TestMaterial.shared("cosign/pemsigstorekey.pem");
        password("hello");
        assertEquals(0, run("key", "public", "--key", key.toString()), err.toString());
        assertTrue(out.toString().startsWith("-----BEGIN PUBLIC KEY-----\n"), out.toString());
    }

    @Test
    void keylessWithoutATokenIsRefusedBeforeAnyNetworkCall() {
        environment = environment.withVariables(name -> null);
        assertEquals(2, run("sign", "--keyless", "127.0.0.1:1/none/app:1"));
        assertTrue(err.toString().contains("--keyless needs an OIDC token"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, run("sign", "127.0.0.1:1/none/app:1"));
        assertTrue(err.toString().contains("give --key FILE, or --keyless"), err.toString());
    }

    private void password(String value) {
        environment = environment.withVariables(onlyKeyPassword(value));
    }

    private int run(String... args) {
        InProcessGate.Run run = InProcessGate.gate(environment, args);
        out.write(run.out());
        err.write(run.err());
        return run.code();
    }
}
