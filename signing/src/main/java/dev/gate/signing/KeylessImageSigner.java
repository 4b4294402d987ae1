package dev.gate.signing;

import dev.gate.errors.GateException;
import dev.sigstore.KeylessSigner;
import dev.sigstore.oidc.client.OidcClients;
import dev.sigstore.oidc.client.TokenStringOidcClient;
import java.nio.charset.StandardCharsets;

/**
 * Keyless signing through sigstore-java on the public-good instance: an OIDC token (given, or found by sigstore-java's
 * default providers such as GitHub Actions) buys a short-lived Fulcio certificate; every signature is logged in Rekor.
 * One certificate serves every signature of a run. Needs the network; nothing here works offline.
 */
public final class KeylessImageSigner implements KeylessSigning {

    private final String identityToken;
    private KeylessSigner signer;

    private KeylessImageSigner(String identityToken) {
        this.identityToken = identityToken;
    }

    /** {@code identityToken} null: sigstore-java's default providers find one in the CI environment. */
    public static KeylessImageSigner publicGood(String identityToken) {
        return new KeylessImageSigner(identityToken);
    }

    @Override
    public synchronized String attest(byte[] statement) {
        try {
            return signer().attest(new String(statement, StandardCharsets.UTF_8))
                    .toJson();
        } catch (GateException e) {
            throw e;
        } catch (Exception e) {
            throw failed(e);
        }
    }

    private KeylessSigner signer() throws Exception {
        if (signer == null) {
            KeylessSigner.Builder builder = KeylessSigner.builder().sigstorePublicDefaults();
            if (identityToken != null) {
                builder.forceCredentialProviders(OidcClients.of(TokenStringOidcClient.from(identityToken)));
            }
            signer = builder.build();
        }
        return signer;
    }

    /** The token is never part of the message: sigstore-java's messages name services, not credentials. */
    private static GateException failed(Exception e) {
        return GateException.operational(
                "keyless signing failed: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()),
                null);
    }

    @Override
    public synchronized void close() {
        if (signer != null) {
            signer.close();
            signer = null;
        }
    }

    @Override
    public String toString() {
        return "KeylessImageSigner[public-good]"; // never the token
    }
}
