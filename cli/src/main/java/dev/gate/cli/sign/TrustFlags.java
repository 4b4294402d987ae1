package dev.gate.cli.sign;

import dev.gate.signing.InTotoStatement;
import dev.gate.signing.TrustedKeys;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Whom a verification trusts and what it requires, spelled the same on {@code gate verify} and {@code gate audit}. */
public final class TrustFlags {

    @Option(names = "--key", paramLabel = "FILE", description = "PUBLIC KEY PEM (cosign.pub); repeat to trust several keys "
            + "(a build and a release key, the keys before and after a rotation): any one of them verifies.")
    List<Path> keys = new ArrayList<>();

    @Option(names = "--require-attestation", paramLabel = "TYPE", description = "Fail unless a verified attestation of this "
            + "type is stored (cyclonedx, vuln or a predicate type URI); repeatable.")
    List<String> requiredAttestations = new ArrayList<>();

    public boolean hasKeys() {
        return !keys.isEmpty();
    }

    /** The keys of every {@code --key}, read now: an unreadable one is an input error (exit 2). */
    public TrustedKeys trustedKeys() {
        return VerifyCommand.readPublicKeys(keys);
    }

    /** The predicate types of every {@code --require-attestation}, short names expanded. */
    public List<String> requiredTypes() {
        return requiredAttestations.stream().map(InTotoStatement::predicateTypeFor).toList();
    }
}
