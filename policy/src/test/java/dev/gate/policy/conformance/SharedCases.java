package dev.gate.policy.conformance;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * OPA's conformance cases in the shared folder ({@code gate.shared}, which the build sets). Missing, a test is
 * skipped visibly, or fails under {@code CI=true}, where they must be present.
 */
public final class SharedCases {

    private SharedCases() {}

    public static Path root() {
        Path root = Path.of(System.getProperty("gate.shared", "../../shared"), "opa-conformance", "v1");
        if (!Files.isDirectory(root)) {
            missing("shared conformance cases missing: " + root);
        }
        return root;
    }

    /** Skips the calling test, saying why on stderr; under {@code CI=true}, fails it instead. */
    public static void missing(String why) {
        if ("true".equals(System.getenv("CI"))) {
            fail(why);
        }
        System.err.println("SKIPPED: " + why);
        Assumptions.abort(why);
    }
}
