package dev.gate.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.image.testing.TestMaterial;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The real bundle Maven Central serves beside sigstore-java 2.0.0, verified offline. */
class KeylessBundleVerifierTest {

    private static final String IDENTITY =
            "https://github.com/sigstore/sigstore-java/.github/workflows/release-sigstore-java-from-tag.yaml@refs/tags/v2.0.0";
    private static final String ISSUER = SharedSigstore.GITHUB_ISSUER;

    @Test
    void realBundleVerifiesOnlyForItsJarAndIdentity() {
        Path dir = SharedSigstore.dir();
        Path jar = Path.of(
                System.getProperty("user.home"),
                ".m2/repository/dev/sigstore/sigstore-java/2.0.0/sigstore-java-2.0.0.jar");
        // The jar is a compile dependency of this module, so Maven has fetched it into the local repository.
        if (!Files.isRegularFile(jar)) {
            TestMaterial.missing("sigstore-java jar not in ~/.m2: " + jar);
        }
        KeylessBundleVerifier verifier = new KeylessBundleVerifier(dir.resolve("trusted_root.public-good.json"));
        Path bundle = dir.resolve("sigstore-java-2.0.0.jar.sigstore.json");
        assertEquals(
                new KeylessBundleVerifier.Verified(Signer.keyless(IDENTITY, ISSUER)),
                check(verifier, jar, bundle, IDENTITY, ISSUER));
        // Each refusal for its own reason, not merely some failure
        assertRefused(
                check(verifier, dir.resolve("artifact.txt"), bundle, IDENTITY, ISSUER),
                "artifact digest does not match");
        String evil = "https://github.com/evil/repo/.github/workflows/x.yaml@refs/heads/main";
        assertRefused(
                check(verifier, jar, bundle, evil, ISSUER),
                "No provided certificate identities matched",
                "san:'String: " + evil);
        assertRefused(
                check(verifier, jar, bundle, IDENTITY, "https://accounts.google.com"),
                "No provided certificate identities matched",
                "issuer:'String: https://accounts.google.com'");
    }

    /** As cosign's --certificate-identity-regexp: the pattern must match the whole identity; the signer is the certificate's. */
    @Test
    void identityAndIssuerByRegularExpressionNameTheCertificatesSigner() {
        Path dir = SharedSigstore.dir();
        KeylessBundleVerifier verifier = new KeylessBundleVerifier(dir.resolve("trusted_root.public-good.json"));
        Path bundle = dir.resolve("bundle.dsse.sigstore");
        Path artifact = dir.resolve("artifact.txt");
        KeylessBundleVerifier.Checked matched = verifier.check(
                artifact,
                bundle,
                Expected.matching("https://github\\.com/loosebazooka/.*", "--certificate-identity-regexp"),
                Expected.matching(
                        "https://token\\.actions\\.githubusercontent\\.com", "--certificate-oidc-issuer-regexp"));
        assertEquals(new KeylessBundleVerifier.Verified(Signer.keyless(SharedSigstore.DSSE_IDENTITY, ISSUER)), matched);
        KeylessBundleVerifier.Checked partial = verifier.check(
                artifact,
                bundle,
                Expected.matching("loosebazooka", "--certificate-identity-regexp"),
                Expected.exactly(ISSUER));
        assertRefused(partial, "No provided certificate identities matched");
        KeylessBundleVerifier.Checked otherOrg = verifier.check(
                artifact,
                bundle,
                Expected.matching("https://github\\.com/sigstore/.*", "--certificate-identity-regexp"),
                Expected.exactly(ISSUER));
        assertRefused(otherOrg, "No provided certificate identities matched");
    }

    @Test
    void aBadRegularExpressionIsAnInputError() {
        dev.gate.errors.GateException e = org.junit.jupiter.api.Assertions.assertThrows(
                dev.gate.errors.GateException.class,
                () -> Expected.matching("(unclosed", "--certificate-identity-regexp"));
        assertEquals(dev.gate.errors.GateException.Kind.INPUT, e.kind());
        assertTrue(
                e.getMessage().startsWith("--certificate-identity-regexp: not a regular expression"), e.getMessage());
    }

    private static KeylessBundleVerifier.Checked check(
            KeylessBundleVerifier verifier, Path artifact, Path bundle, String identity, String issuer) {
        return verifier.check(artifact, bundle, Expected.exactly(identity), Expected.exactly(issuer));
    }

    private static void assertRefused(KeylessBundleVerifier.Checked checked, String... parts) {
        KeylessBundleVerifier.Refused refused = assertInstanceOf(KeylessBundleVerifier.Refused.class, checked);
        assertEquals(Problem.Kind.SIGSTORE_REJECTED, refused.problem().kind(), refused.toString());
        for (String part : parts) {
            assertTrue(refused.problem().message().contains(part), refused.toString());
        }
    }
}
