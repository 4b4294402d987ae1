package dev.gate.cli.sign;

import dev.gate.signing.InTotoStatement;
import dev.gate.signing.KeylessPolicy;
import dev.gate.signing.TrustedKeys;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Whom a verification trusts and what it requires, spelled the same on {@code gate verify} and {@code gate audit}: public
 * keys, and keyless a trusted root with the certificate identity and OIDC issuer expected; either or both.
 */
public final class TrustFlags {

    @Option(
            names = "--key",
            paramLabel = "FILE",
            description = "PUBLIC KEY PEM (cosign.pub); repeat to trust several keys "
                    + "(a build and a release key, the keys before and after a rotation): any one of them verifies.")
    List<Path> keys = new ArrayList<>();

    @Option(
            names = "--trusted-root",
            paramLabel = "FILE",
            description = "Keyless: sigstore trusted_root.json; with "
                    + "--certificate-identity and --certificate-oidc-issuer (or their -regexp forms), keyless sigstore bundles of that "
                    + "signer verify offline.")
    Path trustedRoot;

    @Mixin
    IdentityFlags identity = new IdentityFlags();

    @Option(
            names = "--require-attestation",
            paramLabel = "TYPE",
            description = "Fail unless a verified attestation of this "
                    + "type is stored (cyclonedx, vuln or a predicate type URI); repeatable.")
    List<String> requiredAttestations = new ArrayList<>();

    public boolean hasKeys() {
        return !keys.isEmpty();
    }

    /** A key or a keyless identity is trusted. */
    public boolean given() {
        return hasKeys() || trustedRoot != null;
    }

    /** The --trusted-root file, or null. */
    public Path trustedRoot() {
        return trustedRoot;
    }

    /** The keys of every {@code --key}, read now, and the keyless identity: unreadable or incomplete, exit 2. */
    public TrustedKeys trustedKeys() {
        KeylessPolicy identity = keyless(); // flags first: a flag given alone is named before any file is read
        return VerifyCommand.readPublicKeys(keys).withIdentity(identity);
    }

    /** The keyless identity trusted; null without --trusted-root, whose identity flags are refused alone. */
    public KeylessPolicy keyless() {
        if (trustedRoot == null) {
            identity.requireNone("--trusted-root");
            return null;
        }
        return identity.policy(trustedRoot);
    }

    /** The predicate types of every {@code --require-attestation}, short names expanded. */
    public List<String> requiredTypes() {
        return requiredAttestations.stream()
                .map(InTotoStatement::predicateTypeFor)
                .toList();
    }
}
