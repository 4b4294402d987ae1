package dev.gate.signing;

import dev.gate.image.Digest;
import dev.gate.image.GateException;
import dev.sigstore.KeylessSigner;
import dev.sigstore.bundle.Bundle;
import dev.sigstore.oidc.client.OidcClients;
import dev.sigstore.oidc.client.TokenStringOidcClient;

/**
 * Keyless signing through sigstore-java on the public-good instance: an OIDC token (given, or
 * found by sigstore-java's default providers such as GitHub Actions) buys a short-lived Fulcio
 * certificate; the signature is logged in Rekor. Needs the network; nothing here works offline.
 */
public final class KeylessImageSigner {

    private KeylessImageSigner() {
    }

    /** Signs the simple-signing payload of the image; returns the sigstore bundle JSON. */
    public static String sign(String repository, Digest image, String identityToken) {
        byte[] payload = new SimpleSigningPayload(repository, image).bytes();
        try (KeylessSigner signer = builder(identityToken).build()) {
            Bundle bundle = signer.sign(payload);
            return bundle.toJson();
        } catch (GateException e) {
            throw e;
        } catch (Exception e) {
            // The token is never part of the message: sigstore-java's messages name services, not credentials.
            throw GateException.operational("keyless signing failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), null);
        }
    }

    private static KeylessSigner.Builder builder(String identityToken) {
        KeylessSigner.Builder builder = KeylessSigner.builder().sigstorePublicDefaults();
        if (identityToken != null) {
            builder.forceCredentialProviders(OidcClients.of(TokenStringOidcClient.from(identityToken)));
        }
        return builder;
    }
}
