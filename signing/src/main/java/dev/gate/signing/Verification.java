package dev.gate.signing;

import java.util.ArrayList;
import java.util.List;

/**
 * What a verifier found for one image.
 *
 * @param verified claims that verified
 * @param failures claims that were found and did not verify (another key, altered content, a claim about
 *                 another digest, an unreadable manifest), and claims asked for by type that were not found
 * @param absent   kinds of claim the image simply does not carry ({@code .att: no attestations found}):
 *                 not failures, since an image may be signed and not attested, or signed by bundle only
 * @param untrusted claims that do not verify with the trusted key (another signer, a rotated key, or altered): as in
 *                 cosign they are listed and never fail the image; what they claim is never used
 */
public record Verification(String keyId, List<Verified> verified, List<String> failures, List<String> absent,
                           List<String> untrusted) {

    public Verification {
        verified = List.copyOf(verified);
        failures = List.copyOf(failures);
        absent = List.copyOf(absent);
        untrusted = List.copyOf(untrusted);
    }

    /** One verified claim: a signature ({@code predicateType} null) or an attestation. */
    public record Verified(String kind, String predicateType, String subject) {
    }

    /**
     * Something verified with the trusted key, and no claim made with it is wrong (one naming another image, an
     * unreadable manifest, a required attestation missing). Claims others made, or altered ones, are only listed.
     */
    public boolean ok() {
        return !verified.isEmpty() && failures.isEmpty();
    }

    /** Failures and absences together, for checks that need every claim (policy re-evaluation, audits). */
    public List<String> problems() {
        List<String> all = new ArrayList<>(failures);
        all.addAll(absent);
        return all;
    }
}
