package dev.gate.scan;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates /work/shared test material; missing folder fails under CI=true, else skips visibly. */
public final class SharedData {

    private SharedData() {
    }

    public static Path path(String relative) {
        String root = System.getProperty("gate.shared");
        Path dir = root == null ? null : Path.of(root).resolve(relative);
        if (dir == null || !Files.exists(dir)) {
            String message = "shared test material missing: " + (dir == null ? "gate.shared unset" : dir);
            if ("true".equals(System.getenv("CI"))) {
                fail(message);
            }
            System.err.println("SKIPPED: " + message);
            assumeTrue(false, message);
        }
        return dir;
    }
}
