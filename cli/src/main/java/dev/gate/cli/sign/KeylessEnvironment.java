package dev.gate.cli.sign;

/** Whether the CI environment offers an OIDC token that sigstore-java's default providers can fetch. */
public final class KeylessEnvironment {

    private KeylessEnvironment() {
    }

    public static boolean hasAmbientToken() {
        return Passwords.environment.apply("ACTIONS_ID_TOKEN_REQUEST_URL") != null
                && Passwords.environment.apply("ACTIONS_ID_TOKEN_REQUEST_TOKEN") != null;
    }
}
