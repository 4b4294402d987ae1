package dev.gate.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.image.testing.TestMaterial;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Python's cryptography package rebuilds the DSSE PAE on its own and verifies gate's signature. */
class PythonCryptographyCheckTest {

    @Test
    void pythonVerifiesTheDsseSignature(@TempDir Path dir) throws Exception {
        if (run(dir, "python3", "-c", "import cryptography") != 0) {
            TestMaterial.missing("python3 cryptography not installed");
        }
        CosignKeyPair key = CosignKeyFile.generate();
        InTotoStatement statement = new InTotoStatement(
                "r.example/app",
                dev.gate.image.Digest.sha256("x".getBytes()),
                InTotoStatement.VULN,
                new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode());
        Files.writeString(dir.resolve("pub.pem"), key.publicPem());
        Files.write(dir.resolve("env.json"), Dsse.sign(key, Dsse.IN_TOTO, statement.bytes()));
        String check = Path.of(System.getProperty("gate.root", ".."))
                .resolve("signing/src/test/independent/verify-dsse.py")
                .toString();
        assertEquals(0, run(dir, "python3", check, "pub.pem", "env.json"));
        assertTrue(Files.readString(dir.resolve("out")).contains(InTotoStatement.VULN));
        Files.writeString(dir.resolve("pub.pem"), CosignKeyFile.generate().publicPem());
        assertTrue(run(dir, "python3", check, "pub.pem", "env.json") != 0);
    }

    private static int run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("out").toFile())
                .start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return p.exitValue();
    }
}
