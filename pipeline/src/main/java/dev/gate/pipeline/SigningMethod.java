package dev.gate.pipeline;

import dev.gate.image.GateException;
import dev.gate.signing.CosignKeyPair;
import dev.gate.signing.EcdsaSigner;
import dev.gate.signing.KeylessSigning;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * How the gate signs: with a cosign key pair, keyless through sigstore, or not at all. A key may
 * still be decrypting in the background; the first use waits for it.
 */
public final class SigningMethod {

    private final String method;
    private final CompletableFuture<CosignKeyPair> key;
    private final KeylessSigning keyless;

    private SigningMethod(String method, CompletableFuture<CosignKeyPair> key, KeylessSigning keyless) {
        this.method = method;
        this.key = key;
        this.keyless = keyless;
    }

    public static SigningMethod none() {
        return new SigningMethod("none", null, null);
    }

    public static SigningMethod key(CosignKeyPair key) {
        return new SigningMethod("key", CompletableFuture.completedFuture(key), null);
    }

    public static SigningMethod key(CompletableFuture<CosignKeyPair> decrypting) {
        return new SigningMethod("key", decrypting, null);
    }

    /** Keyless: certificates for an OIDC identity, every signature and attestation logged (sigstore public-good in use). */
    public static SigningMethod keyless(KeylessSigning service) {
        return new SigningMethod("keyless", null, java.util.Objects.requireNonNull(service, "service"));
    }

    public String method() {
        return method;
    }

    /** The key pair, null unless signing with a key; a wrong password surfaces here as an input error. */
    public CosignKeyPair key() {
        if (key == null) {
            return null;
        }
        try {
            return key.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof GateException gate) {
                throw gate;
            }
            throw e;
        }
    }

    /** The keyless signing service, null unless signing keyless. */
    public KeylessSigning keyless() {
        return keyless;
    }

    public String keyId() {
        CosignKeyPair pair = key();
        return pair == null ? null : EcdsaSigner.keyId(pair.publicKey());
    }

    public InputDocument.Signing describe() {
        return new InputDocument.Signing(method, keyId());
    }

    /** Attestations are DSSE envelopes, signed with the key or, keyless, published as sigstore bundles. */
    public boolean attests() {
        return key != null || keyless != null;
    }

    @Override
    public String toString() {
        // Never the key or the token.
        return "SigningMethod[" + method + "]";
    }
}
