package dev.gate.image.registry;

/**
 * A username and secret for one registry. An identity token (from {@code docker login} with an
 * OAuth flow) is sent as a refresh token to the token service rather than as a password.
 */
public record Credential(String username, String secret, boolean identityToken) {

    public static Credential password(String username, String password) {
        return new Credential(username, password, false);
    }

    public static Credential identityToken(String token) {
        return new Credential("<token>", token, true);
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "Credential[" + username + ", ****]";
    }
}
