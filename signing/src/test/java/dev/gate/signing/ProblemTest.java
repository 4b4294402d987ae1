package dev.gate.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.errors.GateException;
import dev.gate.image.Digest;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemTest {

    private static final Digest IMAGE = Digest.sha256("image".getBytes());

    /** Reports print and serialise a verification's problems as the lines they always were. */
    @Test
    void aProblemIsWrittenAsItsMessage() {
        Verification found = new Verification(
                List.of(),
                List.of(),
                List.of(new Problem(Problem.Kind.WRONG_SUBJECT, "layer 0: signed payload names another image")),
                List.of(new Problem(Problem.Kind.NO_ATTESTATIONS, "x.att: no attestations found")),
                List.of());
        JsonNode json = new ObjectMapper().valueToTree(found);
        assertEquals(
                "layer 0: signed payload names another image",
                json.path("failures").get(0).asText());
        assertEquals("x.att: no attestations found", json.path("absent").get(0).asText());
        assertEquals("x.att: no attestations found", found.absent().get(0).toString());
    }

    /** A check that throws a plain input error reports an unreadable claim; a rejected claim keeps its kind. */
    @Test
    void aThrownCheckBecomesAProblemOfItsKind() {
        assertEquals(
                new Problem(Problem.Kind.UNREADABLE, "layer 0: signed payload is not JSON"),
                Problem.of(GateException.input("layer 0: signed payload is not JSON")));
        assertEquals(
                new Problem(Problem.Kind.UNTRUSTED_SIGNER, "key not named in the claim (layer 0: altered)"),
                Problem.of(new UntrustedClaim(null, "layer 0: altered")));
    }

    /** A required type that an attestation in either format satisfies is no longer missing; others still are. */
    @Test
    void requiringATypeAddsAMissingAttestationOnlyForTypesNotVerified() {
        Signer signer = new Signer("k", null, null);
        Verification attested = new Verification(
                List.of("k"),
                List.of(new Verification.Verified("attestation", InTotoStatement.VULN, "repo", signer)),
                List.of(),
                List.of(),
                List.of());
        Verification required =
                attested.requiring(List.of(InTotoStatement.VULN, InTotoStatement.SBOM_CYCLONEDX), IMAGE);
        assertEquals(
                List.of(Problem.Kind.MISSING_ATTESTATION),
                required.failures().stream().map(Problem::kind).toList());
    }

    @Test
    void withoutDropsOnlyAbsencesOfThatKind() {
        Problem noSignatures = new Problem(Problem.Kind.NO_SIGNATURES, "x.sig: no signatures found");
        Verification found = new Verification(
                List.of(),
                List.of(),
                List.of(),
                List.of(noSignatures, new Problem(Problem.Kind.NO_ATTESTATIONS, "x.att: no attestations found")),
                List.of());
        assertEquals(
                List.of(noSignatures),
                found.without(Problem.Kind.NO_ATTESTATIONS).absent());
    }
}
