package dev.gate.cli.gate;

import dev.gate.signing.CosignKeyPair;
import dev.gate.signing.EcdsaSigner;

/** How the gate signs: with a cosign key pair, keyless through sigstore, or not at all. */
public record SigningMethod(String method, CosignKeyPair key, String identityToken) {

    public static SigningMethod none() {
        return new SigningMethod("none", null, null);
    }

    public static SigningMethod key(CosignKeyPair key) {
        return new SigningMethod("key", key, null);
    }

    public static SigningMethod keyless(String identityToken) {
        return new SigningMethod("keyless", null, identityToken);
    }

    public String keyId() {
        return key == null ? null : EcdsaSigner.keyId(key.publicKey());
    }

    public InputDocument.Signing describe() {
        return new InputDocument.Signing(method, keyId());
    }

    /** Attestations are DSSE envelopes signed with the key; keyless signing covers the image signature only. */
    public boolean attests() {
        return key != null;
    }

    @Override
    public String toString() {
        // A record's toString would print the private key and the token.
        return "SigningMethod[" + method + "]";
    }
}
