package dev.gate.cli.sign;

import dev.gate.errors.GateException;
import dev.gate.signing.Expected;
import dev.gate.signing.KeylessBundleVerifier;
import dev.gate.signing.KeylessPolicy;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Whom keyless material must come from, spelled as cosign spells it: the certificate identity and OIDC issuer, each
 * exactly or by a regular expression. Unlike Go's regexp in cosign, the expression must match the whole value (as in
 * sigstore-java): {@code github\.com/org/} alone does not accept {@code https://evil.example/github.com/org/}.
 */
public final class IdentityFlags {

    @Option(
            names = "--certificate-identity",
            paramLabel = "SAN",
            description = "Keyless: expected certificate identity.")
    String identity;

    @Option(
            names = "--certificate-identity-regexp",
            paramLabel = "REGEX",
            description = "Keyless: a regular expression the whole certificate identity must match.")
    String identityRegexp;

    @Option(names = "--certificate-oidc-issuer", paramLabel = "URL", description = "Keyless: expected OIDC issuer.")
    String issuer;

    @Option(
            names = "--certificate-oidc-issuer-regexp",
            paramLabel = "REGEX",
            description = "Keyless: a regular expression the whole OIDC issuer must match.")
    String issuerRegexp;

    /** The keyless policy for {@code trustedRoot}; exit 2 when an identity or issuer is missing, doubled or malformed. */
    public KeylessPolicy policy(Path trustedRoot) {
        return policy(trustedRoot, "", identity, identityRegexp, issuer, issuerRegexp);
    }

    /** Identity flags mean nothing without {@code companion} (the trusted root): refused rather than ignored (exit 2). */
    public void requireNone(String companion) {
        requireNone(companion, "", identity, identityRegexp, issuer, issuerRegexp);
    }

    /**
     * The keyless policy that flags spelled {@code --<prefix>certificate-identity} and so on give: {@code prefix} is "" for
     * the image's signer and "policy-" for the policy bundle's, whom the same flags name apart.
     */
    public static KeylessPolicy policy(
            Path trustedRoot,
            String prefix,
            String identity,
            String identityRegexp,
            String issuer,
            String issuerRegexp) {
        String root = "--" + prefix + "trusted-root";
        Expected expectedIdentity = expected(identity, "--" + prefix + "certificate-identity", identityRegexp, root);
        Expected expectedIssuer = expected(issuer, "--" + prefix + "certificate-oidc-issuer", issuerRegexp, root);
        return new KeylessPolicy(new KeylessBundleVerifier(trustedRoot), expectedIdentity, expectedIssuer);
    }

    public static void requireNone(
            String companion,
            String prefix,
            String identity,
            String identityRegexp,
            String issuer,
            String issuerRegexp) {
        String given = identity != null
                ? "certificate-identity"
                : identityRegexp != null
                        ? "certificate-identity-regexp"
                        : issuer != null
                                ? "certificate-oidc-issuer"
                                : issuerRegexp != null ? "certificate-oidc-issuer-regexp" : null;
        if (given != null) {
            throw GateException.input("--" + prefix + given + " needs " + companion);
        }
    }

    private static Expected expected(String exact, String flag, String regexp, String root) {
        if (exact != null && regexp != null) {
            throw GateException.input(flag + " and " + flag + "-regexp exclude each other");
        }
        if (exact == null && regexp == null) {
            throw GateException.input(root + " needs " + flag + " or " + flag + "-regexp");
        }
        return exact != null ? Expected.exactly(exact) : Expected.matching(regexp, flag + "-regexp");
    }
}
