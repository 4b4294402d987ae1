package dev.gate.image.registry;

import static org.junit.jupiter.api.Assertions.fail;

import dev.gate.image.testing.LoopbackServices;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * What the registry tests build on the loopback services of {@code .ci/services.sh} (found through
 * {@link LoopbackServices}): the token-auth registry, an auth file for the test user, and external checks.
 */
final class LocalServices {

    private LocalServices() {}

    /** The registry with {@code auth: token} (GATE_REGISTRY_TOKEN), its issuer running too. */
    static String tokenRegistry() {
        LoopbackServices.require("GATE_TOKEN_ISSUER");
        return LoopbackServices.require("GATE_REGISTRY_TOKEN");
    }

    /** An auth file holding the test user's credentials for {@code registry}. */
    static Path authFile(String registry) throws IOException {
        String user = LoopbackServices.require("GATE_REGISTRY_USER");
        String pair = user + ":" + LoopbackServices.require("GATE_REGISTRY_PASSWORD");
        Path file = Files.createTempFile("gate-auth", ".json");
        Files.writeString(
                file,
                "{\"auths\":{\"" + registry + "\":{\"auth\":\""
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
