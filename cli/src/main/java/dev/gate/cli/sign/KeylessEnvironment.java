package dev.gate.cli.sign;

import dev.gate.signing.KeylessImageSigner;
import dev.gate.signing.KeylessSigning;
import java.util.function.Function;

/** Whether the CI environment offers an OIDC token, and the keyless signing service a command signs with. */
public final class KeylessEnvironment {

    /**
     * The signing service for an identity token (null: the CI environment's): sigstore public-good. Tests that cannot
     * reach it put a throwaway sigstore instance here, as they put their environment in {@link Passwords#environment}.
     */
    public static Function<String, KeylessSigning> service = KeylessImageSigner::publicGood;

    private KeylessEnvironment() {
    }

    public static boolean hasAmbientToken() {
        return Passwords.environment.apply("ACTIONS_ID_TOKEN_REQUEST_URL") != null
                && Passwords.environment.apply("ACTIONS_ID_TOKEN_REQUEST_TOKEN") != null;
    }

    /** The service to sign with for {@code identityToken} (null: the CI environment's token). */
    public static KeylessSigning signing(String identityToken) {
        return service.apply(identityToken);
    }
}
