package dev.gate.signing;

import dev.gate.image.testing.TestMaterial;
import java.nio.file.Path;

/** The real sigstore material in the shared folder; missing, tests skip visibly (and fail under CI). */
final class SharedSigstore {

    static final String GITHUB_ISSUER = "https://token.actions.githubusercontent.com";
    /** Certificate identity of {@code bundle.dsse.sigstore}. */
    static final String DSSE_IDENTITY =
            "https://github.com/loosebazooka/aa-test/.github/workflows/provenance.yaml@refs/heads/main";

    private SharedSigstore() {}

    static Path dir() {
        return TestMaterial.shared("sigstore");
    }
}
