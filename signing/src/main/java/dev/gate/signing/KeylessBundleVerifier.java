package dev.gate.signing;

import dev.gate.image.GateException;
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
            this.verifier = KeylessVerifier.builder().trustedRootProvider(TrustedRootProvider.from(trustedRoot)).build();
        } catch (Exception e) {
            throw GateException.input(trustedRoot + ": not a usable sigstore trusted root: " + e.getMessage());
        }
    }

    /** The trusted_root.json this verifier trusts. */
    public Path trustedRoot() {
        return trustedRoot;
    }

    /** Returns null when the bundle verifies for the file {@code artifact}, else why not. */
    public String verify(Path artifact, Path bundleFile, String identity, String issuer) {
        return check(artifact, bundleFile, Expected.exactly(identity), Expected.exactly(issuer)).failure();
    }

    /** What checking a bundle found: the signer its certificate names when it verifies, else why not. */
    public record Checked(Signer signer, String failure) {
    }

    /** The bundle for the file {@code artifact}, its certificate expected to state {@code identity} and {@code issuer}. */
    public Checked check(Path artifact, Path bundleFile, Expected identity, Expected issuer) {
        CertificateSigner seen = new CertificateSigner(identity, issuer);
        try {
            verifier.verify(artifact, read(bundleFile), options(seen));
            return new Checked(seen.signer(), null);
        } catch (KeylessVerificationException e) {
            return new Checked(null, bundleFile + ": " + e.getMessage());
        }
    }

    /**
     * Returns null when {@code bundleJson} verifies for an artifact with SHA-256 {@code artifactDigest}
     * (for a DSSE bundle: a digest among the statement's subjects), else why not.
     */
    public String verify(byte[] artifactDigest, String bundleJson, String identity, String issuer, String where) {
        return check(artifactDigest, bundleJson, Expected.exactly(identity), Expected.exactly(issuer), where).failure();
    }

    /** As {@link #verify(byte[], String, String, String, String)}, naming the signer the certificate states. */
    public Checked check(byte[] artifactDigest, String bundleJson, Expected identity, Expected issuer, String where) {
        Bundle bundle;
        try {
            bundle = Bundle.from(new StringReader(bundleJson));
        } catch (BundleParseException e) {
            return new Checked(null, where + ": not a sigstore bundle sigstore-java can read: " + e.getMessage());
        }
        CertificateSigner seen = new CertificateSigner(identity, issuer);
        try {
            verifier.verify(artifactDigest, bundle, options(seen));
            return new Checked(seen.signer(), null);
        } catch (KeylessVerificationException e) {
            return new Checked(null, where + ": " + e.getMessage());
        }
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
