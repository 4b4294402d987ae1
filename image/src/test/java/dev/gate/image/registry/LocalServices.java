package dev.gate.image.registry;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * The loopback services that {@code .ci/services.sh start} runs (real registries), read from the
 * file it writes. Missing services skip a test visibly, and fail it under CI.
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

    static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            fail(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }
}
