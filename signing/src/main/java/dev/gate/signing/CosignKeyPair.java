package dev.gate.signing;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Objects;

/** An ECDSA P-256 key pair loaded from or written as cosign key files. */
public record CosignKeyPair(PrivateKey privateKey, PublicKey publicKey) {

    public CosignKeyPair {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(publicKey, "publicKey");
    }

    public static CosignKeyPair of(KeyPair pair) {
        return new CosignKeyPair(pair.getPrivate(), pair.getPublic());
    }

    /** The public key as a {@code PUBLIC KEY} PEM, as cosign writes {@code cosign.pub}. */
    public String publicPem() {
        return Pem.encode("PUBLIC KEY", publicKey.getEncoded());
    }
}
