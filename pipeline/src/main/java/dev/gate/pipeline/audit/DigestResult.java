package dev.gate.pipeline.audit;

import dev.gate.pipeline.recheck.PolicyRecheck;
import dev.gate.signing.Problem;
import java.util.List;
import java.util.Map;

/**
 * What the audit found for one image of one repository, shared by every tag that points at it.
 *
 * @param failures   what the verification found wrong or missing (an audit expects every image signed and attested)
 * @param verifiedBy who the verified signatures are from (key ids, keyless identities)
 * @param evidence   what the policies are evaluated on for each tag; null without policies, or when read from a state file
 * @param gated      what its verified decision record says about its gating; null when there is none
 */
record DigestResult(
        String repository,
        String digest,
        boolean signed,
        List<String> verifiedBy,
        List<String> verified,
        List<Problem> failures,
        Map<String, Long> severities,
        PolicyRecheck.Evidence evidence,
        GatedBy gated) {

    DigestResult {
        verifiedBy = List.copyOf(verifiedBy);
        verified = List.copyOf(verified);
        failures = List.copyOf(failures);
        severities = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(severities));
    }
}
