package dev.gate.image.registry;

import static org.junit.jupiter.api.Assertions.fail;

import dev.gate.image.testing.LoopbackServices;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * The loopback services that {@code .ci/services.sh start} runs (real registries: plain, htpasswd +
 * TLS, token auth with its issuer), read from the file it writes. Missing services skip a test
 * visibly, and fail it under CI.
 */
final class LocalServices {

    private LocalServices() {
    }

    static String require(String key) {
        return LoopbackServices.require(key);
    }

    /** The registry with {@code auth: token} (GATE_REGISTRY_TOKEN), its issuer running too. */
    static String tokenRegistry() {
        require("GATE_TOKEN_ISSUER");
        return require("GATE_REGISTRY_TOKEN");
    }

    /** An auth file holding the test user's credentials for {@code registry}. */
    static Path authFile(String registry) throws IOException {
        String pair = require("GATE_REGISTRY_USER") + ":" + require("GATE_REGISTRY_PASSWORD");
        Path file = Files.createTempFile("gate-auth", ".json");
        Files.writeString(file, "{\"auths\":{\"" + registry + "\":{\"auth\":\""
                + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)) + "\"}}}");
        return file;
    }

    static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            fail(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }
}
