package dev.gate.signing;

import java.util.List;

/** What {@link KeyVerifier} found: claims that verified and reasons the others did not. */
public record Verification(String keyId, List<Verified> verified, List<String> failures) {

    public Verification {
        verified = List.copyOf(verified);
        failures = List.copyOf(failures);
    }

    /** One verified claim: a signature ({@code predicateType} null) or an attestation. */
    public record Verified(String kind, String predicateType, String subject) {
    }

    public boolean ok() {
        return !verified.isEmpty();
    }
}
