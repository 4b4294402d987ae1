package dev.gate.pipeline.audit;

import java.util.List;
import java.util.Map;

/**
 * What the audit found for one tag.
 *
 * @param digest       null when the tag could not be resolved ({@code error} says why)
 * @param signed       a signature verified with the key (without a key: a {@code .sig} manifest exists)
 * @param verifiedBy   who the verified signatures are from: a key id ({@code sha256:...} of the public key), or a keyless
 *                     identity
 * @param verified     claims that verified: "signature", or the predicate type of an attestation
 * @param failures     what did not verify
 * @param severities   findings per severity from the verified vulnerability attestation; empty when unknown
 * @param policyPassed null when no policy was given
 * @param failingRules {@code namespace.rule: message} of every failing rule, and problems that kept policies from running
 * @param gated        when and by which policies the image was gated, from its verified decision record; null when none
 *                     verified (or no key was given)
 * @param unapproved   with {@code --approved-policies}: the policy files that gated the image and are not on the list
 */
public record TagAudit(
        String repository,
        String tag,
        String digest,
        boolean signed,
        List<String> verifiedBy,
        List<String> verified,
        List<String> failures,
        Map<String, Long> severities,
        Boolean policyPassed,
        List<String> failingRules,
        String error,
        GatedBy gated,
        List<String> unapproved) {

    public TagAudit {
        verifiedBy = List.copyOf(verifiedBy);
        verified = List.copyOf(verified);
        failures = List.copyOf(failures);
        severities =
                java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(severities)); // in severity order
        failingRules = List.copyOf(failingRules);
        unapproved = List.copyOf(unapproved);
    }

    /** Signed, everything verified, the policies (if any) pass, and (if asked) the gating policies are approved ones. */
    public boolean ok() {
        return error == null
                && signed
                && failures.isEmpty()
                && !Boolean.FALSE.equals(policyPassed)
                && unapproved.isEmpty();
    }

    public static TagAudit failed(String repository, String tag, String error) {
        return new TagAudit(
                repository,
                tag,
                null,
                false,
                List.of(),
                List.of(),
                List.of(),
                Map.of(),
                null,
                List.of(),
                error,
                null,
                List.of());
    }
}
