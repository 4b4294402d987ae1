package dev.gate.signing;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.security.PublicKey;

/**
 * Who made a verified claim: a trusted public key (its {@link EcdsaSigner#keyId}) or, keyless, the certificate's
 * identity and OIDC issuer as the certificate states them (not the expression they were matched with).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Signer(String keyId, String identity, String issuer) {

    public Signer {
        if ((keyId == null) == (identity == null)) {
            throw new IllegalArgumentException("a signer is a key id or an identity");
        }
    }

    public static Signer key(PublicKey key) {
        return new Signer(EcdsaSigner.keyId(key), null, null);
    }

    public static Signer keyless(String identity, String issuer) {
        return new Signer(null, identity, issuer);
    }

    /** {@code key <id>} or {@code identity <san> (<issuer>)}: unescaped, the identity comes from a certificate. */
    public String describe() {
        return keyId != null ? "key " + keyId : "identity " + identity + " (" + issuer + ")";
    }
}
