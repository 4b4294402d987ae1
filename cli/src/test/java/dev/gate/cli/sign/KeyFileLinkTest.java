package dev.gate.cli.sign;

import static dev.gate.cli.InProcessGate.onlyKeyPassword;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.cli.Environment;
import dev.gate.cli.InProcessGate;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A symbolic link planted where {@code gate key generate} writes must not make it write anywhere else. */
class KeyFileLinkTest {

    private Environment environment = Environment.system();

    @TempDir
    Path dir;

    @BeforeEach
    void password() {
        environment = environment.withVariables(onlyKeyPassword("pw-1"));
    }

    private InProcessGate.Run generate() {
        return InProcessGate.gate(
                environment,
                "key",
                "generate",
                "--output-key-prefix",
                dir.resolve("cosign").toString());
    }

    @Test
    void aLinkAtThePublicKeyDoesNotOverwriteItsTarget() throws Exception {
        Path victim = Files.writeString(dir.resolve("victim.txt"), "keep me\n");
        Files.createSymbolicLink(dir.resolve("cosign.pub"), victim);
        InProcessGate.Run run = generate();
        assertEquals(2, run.code(), run.toString());
        assertTrue(run.err().startsWith("gate: " + dir.resolve("cosign.pub") + " is a symbolic link"), run.err());
        assertEquals("keep me\n", Files.readString(victim));
        assertFalse(Files.exists(dir.resolve("cosign.key")), "nothing is written when one output is refused");
    }

    @Test
    void aDanglingLinkAtThePrivateKeyCreatesNothingWhereItPoints() throws Exception {
        Path target = dir.resolve("elsewhere.key");
        Files.createSymbolicLink(dir.resolve("cosign.key"), target);
        InProcessGate.Run run = generate();
        assertEquals(2, run.code(), run.toString());
        assertTrue(run.err().startsWith("gate: " + dir.resolve("cosign.key") + " is a symbolic link"), run.err());
        assertFalse(Files.exists(target));
    }

    @Test
    void aLinkAtThePrivateKeyLeavesItsTargetAlone() throws Exception {
        Path target = Files.writeString(dir.resolve("other.key"), "other\n");
        Files.createSymbolicLink(dir.resolve("cosign.key"), target);
        InProcessGate.Run run = generate();
        assertEquals(2, run.code(), run.toString());
        assertTrue(run.err().contains("is a symbolic link"), run.err());
        assertEquals("other\n", Files.readString(target));
    }

    @Test
    void thePublicKeyStillReplacesAnOrdinaryFile() throws Exception {
        Files.writeString(dir.resolve("cosign.pub"), "old public key, longer than the new one would be ".repeat(10));
        InProcessGate.Run run = generate();
        assertEquals(0, run.code(), run.toString());
        assertTrue(Files.readString(dir.resolve("cosign.pub")).startsWith("-----BEGIN PUBLIC KEY-----"));
        assertTrue(Files.readString(dir.resolve("cosign.pub")).endsWith("-----END PUBLIC KEY-----\n"));
    }
}
