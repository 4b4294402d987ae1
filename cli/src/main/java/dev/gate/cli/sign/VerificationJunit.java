package dev.gate.cli.sign;

import dev.gate.pipeline.recheck.PolicyRecheck;
import dev.gate.pipeline.report.DecisionJunit;
import dev.gate.pipeline.report.JunitXml;
import dev.gate.signing.Problem;
import dev.gate.signing.Verification;
import java.util.List;

/**
 * {@code gate verify --output junit}: a passing case per verified claim, a failing case per claim made with a trusted key
 * that does not hold (or a required attestation missing), and with {@code --policy} a case per evaluated rule. Claims of
 * untrusted signers and kinds of claim the image does not carry fail nothing here either.
 */
final class VerificationJunit {

    private VerificationJunit() {}

    static String xml(String image, Verification result, PolicyRecheck.Outcome policy) {
        JunitXml junit = new JunitXml("gate verify " + image, null);
        String claims = image + " claims";
        for (Verification.Verified v : result.verified()) {
            junit.pass(
                    claims,
                    v.kind() + (v.predicateType() == null ? "" : " " + v.predicateType()) + " by "
                            + v.signer().describe());
        }
        for (Problem failure : result.failures()) {
            junit.fail(claims, "not verified: " + failure.message(), List.of(failure.message()));
        }
        if (result.verified().isEmpty()) {
            junit.fail(claims, "signature", List.of("nothing stored for " + image + " verifies"));
        }
        if (policy != null) {
            String rules = image + " policies";
            policy.problems().forEach(p -> junit.fail(rules, "evidence: " + p.message(), List.of(p.message())));
            if (policy.decision() != null) {
                DecisionJunit.addRules(junit, rules, policy.decision(), false);
            }
        }
        return junit.xml();
    }
}
