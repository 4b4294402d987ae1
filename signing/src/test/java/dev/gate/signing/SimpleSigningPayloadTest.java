package dev.gate.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.image.Digest;
import dev.gate.image.testing.TestMaterial;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimpleSigningPayloadTest {

    private static final Digest DIGEST =
            Digest.parse("sha256:5b0bcabd1ed22e9fb1310cf6c2dec7cdef19f0ad69efa1f392e94a4333501270");

    @Test
    void bytesMatchCosignExactly() {
        String expected = "{\"critical\":{\"identity\":{\"docker-reference\":\"registry.example/team/app\"},"
                + "\"image\":{\"docker-manifest-digest\":\"sha256:5b0bcabd1ed22e9fb1310cf6c2dec7cdef19f0ad69efa1f392e94a4333501270\"},"
                + "\"type\":\"cosign container image signature\"},\"optional\":null}";
        byte[] bytes = new SimpleSigningPayload("registry.example/team/app", DIGEST).bytes();
        assertEquals(expected, new String(bytes, StandardCharsets.UTF_8));
    }

    @Test
    void opensslVerifiesTheSignature(@TempDir Path dir) throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/openssl"))) {
            TestMaterial.missing("openssl not installed");
        }
        CosignKeyPair key = CosignKeyFile.generate();
        byte[] payload = new SimpleSigningPayload("registry.example/team/app", DIGEST).bytes();
        Files.write(dir.resolve("payload"), payload);
        Files.write(dir.resolve("sig"), EcdsaSigner.sign(key, payload));
        Files.writeString(dir.resolve("pub.pem"), key.publicPem());
        assertEquals(0, openssl(dir, "payload"));
        Files.write(dir.resolve("tampered"), new SimpleSigningPayload("registry.example/team/other", DIGEST).bytes());
        assertTrue(openssl(dir, "tampered") != 0);
    }

    private static int openssl(Path dir, String file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("openssl", "dgst", "-sha256", "-verify", "pub.pem", "-signature", "sig", file)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return p.exitValue();
    }
}
