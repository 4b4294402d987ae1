package dev.gate.cli.policy;

import dev.gate.cli.sign.IdentityFlags;
import dev.gate.cli.sign.VerifyCommand;
import dev.gate.signing.TrustedKeys;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Whom a policy bundle from a registry must be signed by: public keys, and keyless a trusted root with the certificate
 * identity and OIDC issuer expected. Spelled apart from the image's {@code --key} and {@code --certificate-identity}:
 * the security team that signs policies is not the CI job that signs images, and one set of flags for both would let
 * whoever may sign images also sign the policies that judge them.
 */
public final class PolicyTrustFlags {

    @Option(
            names = "--policy-key",
            paramLabel = "FILE",
            description = "Public key a policy bundle from a registry must be signed "
                    + "with (repeatable: any listed key verifies).")
    List<Path> keys = new ArrayList<>();

    @Option(
            names = "--policy-trusted-root",
            paramLabel = "FILE",
            description =
                    "Keyless: sigstore trusted_root.json a policy "
                            + "bundle's keyless signature must chain to, with --policy-certificate-identity and --policy-certificate-oidc-issuer.")
    Path trustedRoot;

    @Option(
            names = "--policy-certificate-identity",
            paramLabel = "SAN",
            description = "Keyless: the policy bundle signer's " + "certificate identity.")
    String identity;

    @Option(
            names = "--policy-certificate-identity-regexp",
            paramLabel = "REGEX",
            description = "Keyless: a regular expression "
                    + "the whole certificate identity of the policy bundle's signer must match.")
    String identityRegexp;

    @Option(
            names = "--policy-certificate-oidc-issuer",
            paramLabel = "URL",
            description = "Keyless: the policy bundle signer's " + "OIDC issuer.")
    String issuer;

    @Option(
            names = "--policy-certificate-oidc-issuer-regexp",
            paramLabel = "REGEX",
            description = "Keyless: a regular "
                    + "expression the whole OIDC issuer of the policy bundle's signer must match.")
    String issuerRegexp;

    /** A policy key or a keyless policy signer is named. */
    public boolean given() {
        return !keys.isEmpty() || trustedRoot != null;
    }

    /** Any of these flags, even one that is incomplete alone. */
    boolean anyGiven() {
        return given() || identity != null || identityRegexp != null || issuer != null || issuerRegexp != null;
    }

    /** The keys and keyless identity, read now: an unreadable key, a missing or lone identity flag is exit 2. */
    public TrustedKeys trusted() {
        if (trustedRoot == null) {
            IdentityFlags.requireNone(
                    "--policy-trusted-root", "policy-", identity, identityRegexp, issuer, issuerRegexp);
            return VerifyCommand.readPublicKeys(keys);
        }
        var keyless = IdentityFlags.policy(trustedRoot, "policy-", identity, identityRegexp, issuer, issuerRegexp);
        return VerifyCommand.readPublicKeys(keys).withIdentity(keyless);
    }
}
