package dev.gate.signing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** The real sigstore material in the shared folder; missing, tests skip visibly (and fail under CI). */
final class SharedSigstore {

    static final String GITHUB_ISSUER = "https://token.actions.githubusercontent.com";
    /** Certificate identity of {@code bundle.dsse.sigstore}. */
    static final String DSSE_IDENTITY = "https://github.com/loosebazooka/aa-test/.github/workflows/provenance.yaml@refs/heads/main";

    private SharedSigstore() {
    }

    static Path dir() {
        String dir = System.getProperty("gate.shared");
        Path path = dir == null ? null : Path.of(dir, "sigstore");
        if (path == null || !Files.isDirectory(path)) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("shared sigstore material missing");
            }
            Assumptions.abort("shared folder missing: skipping sigstore bundle test");
        }
        return path;
    }
}
