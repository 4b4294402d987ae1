package dev.gate.cli.sign;

import dev.gate.cli.Environment;
import dev.gate.errors.GateException;
import dev.gate.signing.KeylessSigning;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * How a command signs, spelled the same on {@code gate push}, {@code gate sign} and {@code gate policy push}: a cosign
 * key file, or keyless through sigstore with an OIDC token (given, or the CI environment's).
 */
public final class SigningFlags {

    @Option(
            names = "--key",
            paramLabel = "FILE",
            description = "cosign private key file (password from COSIGN_PASSWORD or " + "GATE_PASSWORD).")
    Path key;

    @Option(
            names = "--keyless",
            description = "Sign keyless on sigstore public-good (Fulcio + Rekor; needs the network and an "
                    + "OIDC token from --identity-token or the CI environment); signatures and attestations are published as sigstore "
                    + "bundle referrers.")
    boolean keyless;

    @Option(names = "--identity-token", paramLabel = "JWT", description = "OIDC identity token for --keyless.")
    String identityToken;

    /** The --key file, or null. */
    public Path key() {
        return key;
    }

    public boolean keyless() {
        return keyless;
    }

    /** Any of the signing flags. */
    public boolean given() {
        return key != null || keyless || identityToken != null;
    }

    /**
     * The keyless signing service for --keyless: exit 2 when --key is given too, or no OIDC token is at hand (neither
     * --identity-token nor GitHub Actions' id-token), before anything is read or sent.
     */
    public KeylessSigning keylessService(Environment environment) {
        if (key != null) {
            throw GateException.input("--key and --keyless exclude each other");
        }
        if (identityToken == null && !environment.hasAmbientToken()) {
            throw GateException.input(
                    "--keyless needs an OIDC token: --identity-token, or GitHub Actions with id-token: write");
        }
        return environment.keylessSigning(identityToken);
    }

    /** --identity-token means nothing without --keyless: refused rather than ignored. */
    public void refuseTokenWithoutKeyless() {
        if (identityToken != null && !keyless) {
            throw GateException.input("--identity-token is the OIDC token for --keyless: give --keyless");
        }
    }
}
