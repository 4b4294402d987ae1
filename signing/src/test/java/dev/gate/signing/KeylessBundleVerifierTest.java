package dev.gate.signing;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import dev.gate.image.testing.TestMaterial;
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
        if (!Files.isRegularFile(jar)) {
            TestMaterial.missing("sigstore-java jar not in ~/.m2: " + jar);
        }
        KeylessBundleVerifier verifier = new KeylessBundleVerifier(dir.resolve("trusted_root.public-good.json"));
        Path bundle = dir.resolve("sigstore-java-2.0.0.jar.sigstore.json");
        assertNull(verifier.verify(jar, bundle, IDENTITY, ISSUER));
        // Each refusal for its own reason, not merely some failure
        assertContains(verifier.verify(dir.resolve("artifact.txt"), bundle, IDENTITY, ISSUER), "artifact digest does not match");
        String evil = "https://github.com/evil/repo/.github/workflows/x.yaml@refs/heads/main";
        assertContains(verifier.verify(jar, bundle, evil, ISSUER), "No provided certificate identities matched", "san:'String: " + evil);
        assertContains(verifier.verify(jar, bundle, IDENTITY, "https://accounts.google.com"),
                "No provided certificate identities matched", "issuer:'String: https://accounts.google.com'");
    }

    private static void assertContains(String problem, String... parts) {
        assertNotNull(problem);
        for (String part : parts) {
            assertTrue(problem.contains(part), problem);
        }
    }
}
