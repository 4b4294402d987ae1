package dev.gate.image.registry;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * The loopback services that {@code .ci/services.sh start} runs (real registries: plain, htpasswd +
 * TLS, token auth with its issuer), read from the file it writes. Missing services skip a test
 * visibly, and fail it under CI.
 */
final class LocalServices {

    private LocalServices() {
    }

    static String require(String key) {
        Path file = Path.of(System.getenv().getOrDefault("GATE_SERVICES_ENV", "/tmp/gate-services.env"));
        Map<String, String> values = new HashMap<>();
        if (Files.isRegularFile(file)) {
            try {
                for (String line : Files.readAllLines(file)) {
                    int eq = line.indexOf('=');
                    if (eq > 0) {
                        values.put(line.substring(0, eq), line.substring(eq + 1));
                    }
                }
            } catch (IOException e) {
                fail("cannot read " + file + ": " + e);
            }
        }
        String value = values.get(key);
        if (value == null) {
            String why = key + " is not running: start the services with `bash .ci/services.sh start`";
            if ("true".equals(System.getenv("CI"))) {
                fail(why);
            }
            Assumptions.abort(why);
        }
        return value;
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
