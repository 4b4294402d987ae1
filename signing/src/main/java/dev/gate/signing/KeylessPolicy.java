package dev.gate.signing;

import java.util.Objects;

/** Whom keyless material must come from: a trusted root, and the certificate identity and OIDC issuer. */
public record KeylessPolicy(KeylessBundleVerifier verifier, Expected identity, Expected issuer) {

    public KeylessPolicy {
        Objects.requireNonNull(verifier, "verifier");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(issuer, "issuer");
    }

    public KeylessPolicy(KeylessBundleVerifier verifier, String identity, String issuer) {
        this(verifier, Expected.exactly(identity), Expected.exactly(issuer));
    }

    /** Whether the certificate states the trusted identity and issuer (its chain and signature are not checked here). */
    boolean trusts(java.security.cert.X509Certificate certificate) {
        return new CertificateSigner(identity, issuer).test(certificate);
    }

    /** The signer when the bundle verifies for {@code artifactDigest}; else why not. */
    KeylessBundleVerifier.Checked check(byte[] artifactDigest, String bundleJson, String where) {
        return verifier.check(artifactDigest, bundleJson, identity, issuer, where);
    }
}
