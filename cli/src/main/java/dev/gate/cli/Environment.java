package dev.gate.cli;

import dev.gate.signing.KeylessImageSigner;
import dev.gate.signing.KeylessSigning;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * What gate takes from the process it runs in: its environment variables, and the keyless signing service for an
 * identity token. {@link Main} builds the commands with it through {@link CommandFactory}; a test builds them with its
 * own, since a JVM cannot change its own environment and sigstore public-good is not reachable from a test.
 *
 * @param variables      environment lookup by name; null for an unset variable
 * @param keylessService the signing service for an identity token (null: the CI environment's token)
 */
public record Environment(UnaryOperator<String> variables, Function<String, KeylessSigning> keylessService) {

    /** The process's own environment, signing keyless on sigstore public-good. */
    public static Environment system() {
        // A lambda, not a method reference: linking a reference loads the keyless signer's class on every start,
        // where this body loads it only for a keyless signature.
        return new Environment(System::getenv, identityToken -> KeylessImageSigner.publicGood(identityToken));
    }

    /** The variable's value, or null when it is not set. */
    public String variable(String name) {
        return variables.apply(name);
    }

    public Environment withVariables(UnaryOperator<String> replacement) {
        return new Environment(replacement, keylessService);
    }

    public Environment withKeylessService(Function<String, KeylessSigning> replacement) {
        return new Environment(variables, replacement);
    }

    /** Whether GitHub Actions offers an OIDC token (a job with {@code id-token: write}). */
    public boolean hasAmbientToken() {
        return variable("ACTIONS_ID_TOKEN_REQUEST_URL") != null && variable("ACTIONS_ID_TOKEN_REQUEST_TOKEN") != null;
    }

    /** The service to sign with for {@code identityToken} (null: the CI environment's token). */
    public KeylessSigning keylessSigning(String identityToken) {
        return keylessService.apply(identityToken);
    }
}
