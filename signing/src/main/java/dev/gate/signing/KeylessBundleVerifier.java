package dev.gate.signing;

import dev.gate.image.GateException;
import dev.sigstore.KeylessVerificationException;
import dev.sigstore.KeylessVerifier;
import dev.sigstore.TrustedRootProvider;
import dev.sigstore.VerificationOptions;
import dev.sigstore.bundle.Bundle;
import dev.sigstore.bundle.BundleParseException;
import dev.sigstore.strings.StringMatcher;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Offline verification of a keyless sigstore bundle through sigstore-java: the certificate must
 * chain to the given trusted root, the transparency log entry must verify, and the certificate
 * must name the expected identity and OIDC issuer.
 */
public final class KeylessBundleVerifier {

    private final KeylessVerifier verifier;

    public KeylessBundleVerifier(Path trustedRoot) {
        try {
            this.verifier = KeylessVerifier.builder().trustedRootProvider(TrustedRootProvider.from(trustedRoot)).build();
        } catch (Exception e) {
            throw GateException.input(trustedRoot + ": not a usable sigstore trusted root: " + e.getMessage());
        }
    }

    /** Returns null when the bundle verifies for the file {@code artifact}, else why not. */
    public String verify(Path artifact, Path bundleFile, String identity, String issuer) {
        try {
            verifier.verify(artifact, read(bundleFile), options(identity, issuer));
            return null;
        } catch (KeylessVerificationException e) {
            return bundleFile + ": " + e.getMessage();
        }
    }

    /**
     * Returns null when {@code bundleJson} verifies for an artifact with SHA-256 {@code artifactDigest}
     * (for a DSSE bundle: a digest among the statement's subjects), else why not.
     */
    public String verify(byte[] artifactDigest, String bundleJson, String identity, String issuer, String where) {
        Bundle bundle;
        try {
            bundle = Bundle.from(new StringReader(bundleJson));
        } catch (BundleParseException e) {
            return where + ": not a sigstore bundle sigstore-java can read: " + e.getMessage();
        }
        try {
            verifier.verify(artifactDigest, bundle, options(identity, issuer));
            return null;
        } catch (KeylessVerificationException e) {
            return where + ": " + e.getMessage();
        }
    }

    private static VerificationOptions options(String identity, String issuer) {
        return VerificationOptions.builder()
                .addCertificateMatchers(VerificationOptions.CertificateMatcher.fulcio()
                        .subjectAlternativeName(StringMatcher.string(identity))
                        .issuer(StringMatcher.string(issuer))
                        .build())
                .build();
    }

    private static Bundle read(Path file) {
        try {
            return Bundle.from(file, StandardCharsets.UTF_8);
        } catch (BundleParseException | IOException e) {
            throw GateException.input(file + ": not a sigstore bundle: " + e.getMessage());
        }
    }
}
