package dev.gate.pipeline.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gate.pipeline.findings.VexStatements;
import dev.gate.pipeline.input.InputDocument;
import dev.gate.pipeline.recheck.PolicyRecheck;
import dev.gate.policy.syntax.RegoVersion;
import dev.gate.signing.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tag's problems: the image's verification problems come back among the re-check's, and each is listed once. Two
 * problems are the same when they are equal values, kind and message; the same words about another kind of problem are
 * another problem.
 */
class TagDecisionTest {

    private static final String DIGEST = "sha256:" + "ab".repeat(32);
    private static final String PLATFORM = "sha256:" + "cd".repeat(32);

    @TempDir
    Path dir;

    @Test
    void eachProblemIsListedOnceAndProblemsOfOtherKindsWithTheSameMessageAreKeptApart() throws IOException {
        Problem unreadable = new Problem(Problem.Kind.UNREADABLE, PLATFORM + ": attestation of this image");
        Problem missing = new Problem(Problem.Kind.MISSING_ATTESTATION, unreadable.message());
        Problem replayed = new Problem(
                Problem.Kind.WRONG_SUBJECT, "sha256-cd.att layer 0: statement subjects do not include " + PLATFORM);
        // The re-check hands the verification's problem back, and finds the same replay twice (a platform listed
        // twice).
        PolicyRecheck.Evidence evidence = new PolicyRecheck.Evidence(
                null,
                List.of(),
                List.of(),
                null,
                List.of(),
                new InputDocument.Signing("key", "sha256:key"),
                List.of(unreadable, replayed, missing, replayed));
        DigestResult image = new DigestResult(
                "team/app",
                DIGEST,
                true,
                List.of("sha256:key"),
                List.of("signature"),
                List.of(unreadable),
                Map.of(),
                evidence,
                null);

        TagAudit tag = decision().decide("registry.example.com", "1.0.0", image);

        assertEquals(List.of(unreadable.message()), tag.failures());
        assertEquals(List.of(replayed.message(), missing.message()), tag.failingRules());
        assertEquals(false, tag.policyPassed());
    }

    @Test
    void aTagWhoseEvidenceHoldsOnlyTheVerificationsProblemsListsThemAsFailuresOnly() throws IOException {
        Problem absent = new Problem(Problem.Kind.NO_ATTESTATIONS, "sha256-ab.att: no attestations found");
        PolicyRecheck.Evidence evidence = new PolicyRecheck.Evidence(
                null,
                List.of(),
                List.of(),
                null,
                List.of(),
                new InputDocument.Signing("key", "sha256:key"),
                List.of(absent));
        DigestResult image = new DigestResult(
                "team/app",
                DIGEST,
                true,
                List.of("sha256:key"),
                List.of("signature"),
                List.of(absent),
                Map.of(),
                evidence,
                null);

        TagAudit tag = decision().decide("registry.example.com", "1.0.0", image);

        assertEquals(List.of(absent.message()), tag.failures());
        assertEquals(List.of(), tag.failingRules());
        assertEquals(false, tag.policyPassed());
    }

    private TagDecision decision() throws IOException {
        Path policy = Files.writeString(dir.resolve("prod.rego"), """
                package gate.prod

                import rego.v1

                deny contains "latest is not a release" if input.image.tag == "latest"
                """);
        PolicyRecheck recheck = new PolicyRecheck(
                List.of(policy),
                List.of(),
                List.of(),
                null,
                RegoVersion.V1,
                null,
                false,
                List.of(),
                VexStatements.Documents.NONE);
        return new TagDecision(recheck, recheck.loadPolicies(), true, name -> null);
    }
}
