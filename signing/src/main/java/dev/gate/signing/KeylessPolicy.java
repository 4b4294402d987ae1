package dev.gate.signing;

import java.util.Objects;

/** Whom keyless material must come from: a trusted root, and the certificate identity and OIDC issuer. */
public record KeylessPolicy(KeylessBundleVerifier verifier, String identity, String issuer) {

    public KeylessPolicy {
        Objects.requireNonNull(verifier, "verifier");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(issuer, "issuer");
    }

    /** Null when the bundle verifies for {@code artifactDigest}, else why not. */
    String check(byte[] artifactDigest, String bundleJson, String where) {
        return verifier.verify(artifactDigest, bundleJson, identity, issuer, where);
    }
}
