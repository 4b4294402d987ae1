package dev.gate.image.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Test material that is not in the repository: the shared folder ({@code gate.shared}: OPA's conformance cases,
 * OSV advisories, cosign keys, sigstore material) and what the CI script builds or installs. When something is
 * missing the test is skipped visibly, or fails under {@code CI=true}, where everything must be present.
 */
public final class TestMaterial {

    private TestMaterial() {}

    /** A file or folder of the shared folder ({@code gate.shared}, which the build sets). */
    public static Path shared(String relative) {
        Path path = Path.of(System.getProperty("gate.shared", "../../shared")).resolve(relative);
        if (!Files.exists(path)) {
            missing("shared test material missing: " + path);
        }
        return path;
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
