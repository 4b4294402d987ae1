package dev.gate.cli.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.cli.InProcessGate;
import dev.gate.image.testing.TestMaterial;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class VerifyKeylessCommandTest {

    private static final String IDENTITY =
            "https://github.com/sigstore/sigstore-java/.github/workflows/release-sigstore-java-from-tag.yaml@refs/tags/v2.0.0";
    private static final String ISSUER = "https://token.actions.githubusercontent.com";
    private final StringWriter out = new StringWriter();

    @Test
    void sigstoreJavaJarVerifiesAndOtherIdentityDoesNot() {
        Path dir = TestMaterial.shared("sigstore");
        Path jar = Path.of(
                System.getProperty("user.home"),
                ".m2/repository/dev/sigstore/sigstore-java/2.0.0/sigstore-java-2.0.0.jar");
        String[] base = {
            "verify",
            "--trusted-root",
            dir.resolve("trusted_root.public-good.json").toString(),
            "--bundle",
            dir.resolve("sigstore-java-2.0.0.jar.sigstore.json").toString(),
            "--certificate-oidc-issuer",
            ISSUER
        };
        assertEquals(0, run(base, "--certificate-identity", IDENTITY, jar.toString()), out.toString());
        assertTrue(out.toString().startsWith("verified "), out.toString());
        assertEquals(1, run(base, "--certificate-identity", "https://example.com/other", jar.toString()));
        assertEquals(
                1,
                run(
                        base,
                        "--certificate-identity",
                        IDENTITY,
                        dir.resolve("artifact.txt").toString()));
    }

    /** As cosign: identity and issuer by regular expression; the signer reported is the certificate's own identity. */
    @Test
    void identityAndIssuerByRegularExpression() {
        Path dir = TestMaterial.shared("sigstore");
        Path jar = Path.of(
                System.getProperty("user.home"),
                ".m2/repository/dev/sigstore/sigstore-java/2.0.0/sigstore-java-2.0.0.jar");
        String[] base = {
            "verify",
            "--trusted-root",
            dir.resolve("trusted_root.public-good.json").toString(),
            "--bundle",
            dir.resolve("sigstore-java-2.0.0.jar.sigstore.json").toString()
        };
        assertEquals(
                0,
                run(
                        base,
                        "--certificate-identity-regexp",
                        "https://github\\.com/sigstore/sigstore-java/.*@refs/tags/v.*",
                        "--certificate-oidc-issuer-regexp",
                        "https://token\\.actions\\.githubusercontent\\.com",
                        jar.toString()),
                out.toString());
        assertTrue(out.toString().contains("signed by identity " + IDENTITY + " (" + ISSUER + ")"), out.toString());
        // The expression must match the whole identity: a fragment of it accepts nothing.
        assertEquals(
                1,
                run(
                        base,
                        "--certificate-identity-regexp",
                        "sigstore-java",
                        "--certificate-oidc-issuer",
                        ISSUER,
                        jar.toString()));
        assertEquals(
                1,
                run(
                        base,
                        "--certificate-identity-regexp",
                        "https://github\\.com/evil/.*",
                        "--certificate-oidc-issuer",
                        ISSUER,
                        jar.toString()));
    }

    @Test
    void identityFlagsThatContradictOrDoNotParseAreInputErrors() {
        Path dir = TestMaterial.shared("sigstore");
        String[] base = {
            "verify",
            "--trusted-root",
            dir.resolve("trusted_root.public-good.json").toString(),
            "--bundle",
            dir.resolve("sigstore-java-2.0.0.jar.sigstore.json").toString(),
            "--certificate-oidc-issuer",
            ISSUER
        };
        out.getBuffer().setLength(0);
        assertEquals(2, run(base, "--certificate-identity", IDENTITY, "--certificate-identity-regexp", ".*", "x"));
        assertTrue(
                out.toString().contains("--certificate-identity and --certificate-identity-regexp exclude each other"),
                out.toString());
        out.getBuffer().setLength(0);
        assertEquals(2, run(base, "--certificate-identity-regexp", "(unclosed", "x"));
        assertTrue(out.toString().contains("--certificate-identity-regexp: not a regular expression"), out.toString());
        assertEquals(1, out.toString().strip().lines().count(), "one line, no stack trace: " + out);
    }

    private int run(String[] base, String... more) {
        String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        InProcessGate.Run run = InProcessGate.gate(args);
        out.write(run.out());
        out.write(run.err());
        return run.code();
    }
}
