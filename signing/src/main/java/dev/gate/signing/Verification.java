package dev.gate.signing;

import dev.gate.image.Digest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * What a verifier found for one image.
 *
 * @param keyIds   the trusted keys' ids (empty for a keyless verification)
 * @param verified claims that verified
 * @param failures claims that were found and did not verify (another key, altered content, a claim about
 *                 another digest, an unreadable manifest), and claims asked for by type that were not found
 * @param absent   kinds of claim the image simply does not carry ({@code .att: no attestations found}):
 *                 not failures, since an image may be signed and not attested, or signed by bundle only
 * @param untrusted claims that do not verify with a trusted key or identity (another signer, a rotated key, or
 *                 altered), each starting with the key it names: as in cosign they are listed and never fail the image;
 *                 what they claim is never used
 */
public record Verification(
        List<String> keyIds,
        List<Verified> verified,
        List<Problem> failures,
        List<Problem> absent,
        List<Problem> untrusted) {

    public Verification {
        keyIds = List.copyOf(keyIds);
        verified = List.copyOf(verified);
        failures = List.copyOf(failures);
        absent = List.copyOf(absent);
        untrusted = List.copyOf(untrusted);
    }

    /** One verified claim: a signature ({@code predicateType} null) or an attestation, and who made it. */
    public record Verified(String kind, String predicateType, String subject, Signer signer) {}

    /**
     * Something verified with a trusted key, and no claim made with one is wrong (one naming another image, an
     * unreadable manifest, a required attestation missing). Claims others made, or altered ones, are only listed.
     */
    public boolean ok() {
        return !verified.isEmpty() && failures.isEmpty();
    }

    /** This verification without the absences of kind {@code absence} (an index, say, carries no attestations itself). */
    public Verification without(Problem.Kind absence) {
        return new Verification(
                keyIds,
                verified,
                failures,
                absent.stream().filter(p -> p.kind() != absence).toList(),
                untrusted);
    }

    /** Failures and absences together, for checks that need every claim (policy re-evaluation, audits). */
    public List<Problem> problems() {
        List<Problem> all = new ArrayList<>(failures);
        all.addAll(absent);
        return all;
    }

    /** The trusted keys and identities that verified a claim here, each once, in the order found. */
    public List<Signer> signers() {
        return List.copyOf(
                new LinkedHashSet<>(verified.stream().map(Verified::signer).toList()));
    }

    /**
     * This verification, failing for each of {@code predicateTypes} that no verified attestation has (as
     * {@code cosign verify-attestation --type} does, but for several types at once).
     */
    public Verification requiring(List<String> predicateTypes, Digest image) {
        List<Problem> more = new ArrayList<>(failures);
        for (String type : predicateTypes) {
            if (verified.stream().noneMatch(v -> type.equals(v.predicateType()))) {
                more.add(KeyVerifier.noAttestationOfType(image, type));
            }
        }
        return new Verification(keyIds, verified, more, absent, untrusted);
    }
}
