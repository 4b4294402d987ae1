package dev.gate.signing;

import dev.gate.errors.GateException;
import dev.sigstore.KeylessVerificationException;
import dev.sigstore.KeylessVerifier;
import dev.sigstore.TrustedRootProvider;
import dev.sigstore.VerificationOptions;
import dev.sigstore.bundle.Bundle;
import dev.sigstore.bundle.BundleParseException;
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
    private final Path trustedRoot;

    public KeylessBundleVerifier(Path trustedRoot) {
        this.trustedRoot = trustedRoot;
        try {
            this.verifier = KeylessVerifier.builder()
                    .trustedRootProvider(TrustedRootProvider.from(trustedRoot))
                    .build();
        } catch (Exception e) {
            throw GateException.input(trustedRoot + ": not a usable sigstore trusted root: " + e.getMessage());
        }
    }

    /** The trusted_root.json this verifier trusts. */
    public Path trustedRoot() {
        return trustedRoot;
    }

    /** What checking a bundle found: the signer its certificate names, or why it does not verify. */
    public sealed interface Checked {}

    /** The bundle verifies; {@code signer} is whom its certificate names. */
    public record Verified(Signer signer) implements Checked {}

    /** The bundle does not verify, for {@code problem}. */
    public record Refused(Problem problem) implements Checked {}

    /** The bundle for the file {@code artifact}, its certificate expected to state {@code identity} and {@code issuer}. */
    public Checked check(Path artifact, Path bundleFile, Expected identity, Expected issuer) {
        CertificateSigner seen = new CertificateSigner(identity, issuer);
        try {
            verifier.verify(artifact, read(bundleFile), options(seen));
            return new Verified(seen.signer());
        } catch (KeylessVerificationException e) {
            return refused(bundleFile + ": " + e.getMessage());
        }
    }

    /**
     * The bundle {@code bundleJson} for an artifact with SHA-256 {@code artifactDigest} (for a DSSE bundle: a digest among
     * the statement's subjects), its certificate expected to state {@code identity} and {@code issuer}.
     */
    public Checked check(byte[] artifactDigest, String bundleJson, Expected identity, Expected issuer, String where) {
        Bundle bundle;
        try {
            bundle = Bundle.from(new StringReader(bundleJson));
        } catch (BundleParseException e) {
            return new Refused(new Problem(
                    Problem.Kind.UNREADABLE,
                    where + ": not a sigstore bundle sigstore-java can read: " + e.getMessage()));
        }
        CertificateSigner seen = new CertificateSigner(identity, issuer);
        try {
            verifier.verify(artifactDigest, bundle, options(seen));
            return new Verified(seen.signer());
        } catch (KeylessVerificationException e) {
            return refused(where + ": " + e.getMessage());
        }
    }

    private static Refused refused(String message) {
        return new Refused(new Problem(Problem.Kind.SIGSTORE_REJECTED, message));
    }

    private static VerificationOptions options(CertificateSigner matcher) {
        return VerificationOptions.builder().addCertificateMatchers(matcher).build();
    }

    private static Bundle read(Path file) {
        try {
            return Bundle.from(file, StandardCharsets.UTF_8);
        } catch (BundleParseException | IOException e) {
            throw GateException.input(file + ": not a sigstore bundle: " + e.getMessage());
        }
    }
}
