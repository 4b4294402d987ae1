package dev.gate.pipeline.audit;

import dev.gate.errors.GateException;
import dev.gate.image.Reference;
import dev.gate.pipeline.decision.PolicyGate;
import dev.gate.pipeline.input.ImageName;
import dev.gate.pipeline.recheck.PolicyRecheck;
import dev.gate.signing.Problem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * One tag's result from its image's: the same verification for every tag of a digest, and the policies evaluated under the
 * tag's own name, since rules read it ({@code latest}, semantic versions). Pure computation, no registry request.
 */
final class TagDecision {

    private final PolicyRecheck recheck;
    private final PolicyGate policies;
    private final boolean verifies;
    private final UnaryOperator<String> env;
    private final ApprovedPolicies approved;

    /** {@code policies} null: no policy result. */
    /** {@code verifies}: the audit has trusted keys, without which no attestation, and so no policy input, can be trusted. */
    TagDecision(PolicyRecheck recheck, PolicyGate policies, boolean verifies, UnaryOperator<String> env) {
        this(recheck, policies, verifies, env, null);
    }

    private TagDecision(
            PolicyRecheck recheck,
            PolicyGate policies,
            boolean verifies,
            UnaryOperator<String> env,
            ApprovedPolicies approved) {
        this.recheck = recheck;
        this.policies = policies;
        this.verifies = verifies;
        this.env = env;
        this.approved = approved;
    }

    /** Each tag also fails unless the policies that gated its image are on {@code list}. */
    TagDecision approving(ApprovedPolicies list) {
        return new TagDecision(recheck, policies, verifies, env, list);
    }

    /** The approved list as a digest, or null without one: part of what a kept audit state was checked with. */
    String approvalFingerprint() {
        return approved == null ? null : approved.fingerprint();
    }

    boolean evaluatesPolicies() {
        return policies != null && verifies;
    }

    /** See {@link PolicyRecheck#fingerprint}. */
    String policyFingerprint() {
        return recheck.fingerprint(policies);
    }

    TagAudit decide(String registry, String tag, DigestResult image) {
        if (!evaluatesPolicies()) {
            return withPolicy(tag, image, null, List.of(), image.severities());
        }
        PolicyRecheck.Outcome outcome;
        try {
            Reference reference = Reference.parse(registry + "/" + image.repository() + ":" + tag);
            outcome = recheck.decide(policies, ImageName.of(reference), image.evidence(), env);
        } catch (GateException e) {
            if (e.kind() == GateException.Kind.OPERATIONAL) {
                throw e;
            }
            return TagAudit.failed(image.repository(), tag, e.getMessage());
        }
        List<String> failing = new ArrayList<>();
        // The verification's problems are handed in and come back among the outcome's: each problem is listed once,
        // where it is first found. Problems are the same when they are equal values (kind and message), never by text
        // alone.
        Set<Problem> listed = new HashSet<>(image.failures());
        outcome.problems().stream().filter(listed::add).map(Problem::message).forEach(failing::add);
        if (outcome.decision() != null) {
            outcome.decision()
                    .failures()
                    .forEach(r -> failing.add(r.namespace() + "." + r.rule() + ": " + r.message()
                            + (r.doc().headline() == null ? "" : "  (" + r.doc().headline() + ")")));
        }
        Map<String, Long> severities = image.severities();
        if (outcome.input() != null) {
            severities = new LinkedHashMap<>();
            DigestCheck.counts(outcome.input().path("scan").path("summary"), severities);
        }
        return withPolicy(tag, image, outcome.passed(), failing, severities);
    }

    private TagAudit withPolicy(
            String tag, DigestResult image, Boolean passed, List<String> failing, Map<String, Long> severities) {
        List<String> unapproved = approved == null ? List.of() : approved.unapproved(image.gated());
        return new TagAudit(
                image.repository(),
                tag,
                image.digest(),
                image.signed(),
                image.verifiedBy(),
                image.verified(),
                image.failures().stream().map(Problem::message).toList(),
                severities,
                passed,
                failing,
                null,
                image.gated(),
                unapproved);
    }
}
