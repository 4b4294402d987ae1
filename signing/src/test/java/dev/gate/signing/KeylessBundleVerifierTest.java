package dev.gate.signing;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The real bundle Maven Central serves beside sigstore-java 2.0.0, verified offline. */
class KeylessBundleVerifierTest {

    private static final String IDENTITY =
            "https://github.com/sigstore/sigstore-java/.github/workflows/release-sigstore-java-from-tag.yaml@refs/tags/v2.0.0";
    private static final String ISSUER = SharedSigstore.GITHUB_ISSUER;

    @Test
    void realBundleVerifiesOnlyForItsJarAndIdentity() {
        Path dir = SharedSigstore.dir();
        Path jar = Path.of(System.getProperty("user.home"),
                ".m2/repository/dev/sigstore/sigstore-java/2.0.0/sigstore-java-2.0.0.jar");
        // The jar is a compile dependency of this module, so Maven has fetched it into the local repository.
        Assumptions.assumeTrue(Files.isRegularFile(jar), "sigstore-java jar not in ~/.m2");
        KeylessBundleVerifier verifier = new KeylessBundleVerifier(dir.resolve("trusted_root.public-good.json"));
        Path bundle = dir.resolve("sigstore-java-2.0.0.jar.sigstore.json");
        assertNull(verifier.verify(jar, bundle, IDENTITY, ISSUER));
        assertNotNull(verifier.verify(dir.resolve("artifact.txt"), bundle, IDENTITY, ISSUER));
        assertNotNull(verifier.verify(jar, bundle, "https://github.com/evil/repo/.github/workflows/x.yaml@refs/heads/main", ISSUER));
        assertNotNull(verifier.verify(jar, bundle, IDENTITY, "https://accounts.google.com"));
    }
}
