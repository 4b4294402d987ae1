package dev.gate.image.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The loopback services that {@code .ci/services.sh start} runs (real registries: plain, htpasswd + TLS, token
 * auth with its issuer; Podman's API), found through the {@code KEY=value} file it writes
 * ({@code $GATE_SERVICES_ENV}, default {@code /tmp/gate-services.env}) or the environment. Shared by every
 * module's tests: a missing service skips a test visibly, and fails it under {@code CI=true}.
 */
public final class LoopbackServices {

    private LoopbackServices() {}

    /** The service's address (or setting), when it runs. */
    public static Optional<String> find(String key) {
        String direct = System.getenv(key);
        if (direct != null) {
            return Optional.of(direct);
        }
        Path file = Path.of(System.getenv().getOrDefault("GATE_SERVICES_ENV", "/tmp/gate-services.env"));
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(key + "=")) {
                    return Optional.of(line.substring(key.length() + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return Optional.empty();
    }

    /** The service's address; skips the calling test when it does not run, or fails it under CI. */
    public static String require(String key) {
        Optional<String> value = find(key);
        if (value.isEmpty()) {
            TestMaterial.missing(key + " is not running: start the services with `bash .ci/services.sh start`");
        }
        return value.get();
    }
}
