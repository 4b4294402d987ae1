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
 */
public record Verification(String keyId, List<Verified> verified, List<String> failures, List<String> absent) {

    public Verification {
        verified = List.copyOf(verified);
        failures = List.copyOf(failures);
        absent = List.copyOf(absent);
    }

    /** One verified claim: a signature ({@code predicateType} null) or an attestation. */
    public record Verified(String kind, String predicateType, String subject) {
    }

    /** Something verified, and nothing that was found failed to: a tampered claim beside good ones fails. */
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
