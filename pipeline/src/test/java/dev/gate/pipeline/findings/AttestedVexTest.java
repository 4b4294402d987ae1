package dev.gate.pipeline.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.image.Digest;
import dev.gate.pipeline.attestation.VerifiedAttestation;
import dev.gate.signing.InTotoStatement;
import dev.gate.signing.Signer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttestedVexTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Digest IMAGE = Digest.sha256("image".getBytes(StandardCharsets.UTF_8));
    private static final Signer TRUSTED = new Signer("k1", null, null);

    private static VerifiedAttestation attestation(String type, String predicate, Signer signer, String source)
            throws Exception {
        return new VerifiedAttestation(
                type,
                JSON.readTree(predicate),
                signer,
                source,
                IMAGE,
                Digest.sha256(predicate.getBytes(StandardCharsets.UTF_8)));
    }

    private static final String NOT_AFFECTED = """
            {"@context": "https://openvex.dev/ns/v0.2.0", "statements": [{"vulnerability": {"name": "CVE-2021-44906"},
             "products": [{"@id": "pkg:npm/minimist@1.2.5"}], "status": "not_affected"}]}
            """;

    @Test
    void onlySignedOpenVexAttestationsAreStatementsListedWithWhereTheyCameFrom() throws Exception {
        AttestedVex.Found found = AttestedVex.of(List.of(
                attestation(InTotoStatement.OPENVEX, NOT_AFFECTED, TRUSTED, VerifiedAttestation.ATT_TAG),
                attestation("https://openvex.dev/ns/v0.2.0", NOT_AFFECTED, null, VerifiedAttestation.BUILDKIT),
                attestation(
                        InTotoStatement.SBOM_CYCLONEDX,
                        "{\"bomFormat\":\"CycloneDX\"}",
                        TRUSTED,
                        VerifiedAttestation.ATT_TAG)));
        assertEquals(List.of(), found.problems());
        assertEquals(
                1, found.documents().statements().size(), "unsigned BuildKit VEX and other predicates settle nothing");
        JsonNode listed = found.documents().files().get(0);
        assertEquals("k1", listed.at("/attestation/signer/keyId").asText(), listed.toString());
        assertEquals(IMAGE.toString(), listed.at("/attestation/subject").asText());
        assertEquals("att-tag", listed.at("/attestation/source").asText());
        assertEquals(
                Digest.sha256(NOT_AFFECTED.getBytes(StandardCharsets.UTF_8)).hex(),
                listed.path("sha256").asText());
    }

    @Test
    void aSignedOpenVexAttestationGateCannotReadIsAProblem() throws Exception {
        AttestedVex.Found found = AttestedVex.of(List.of(attestation(
                InTotoStatement.OPENVEX,
                "{\"@context\": \"https://openvex.dev/ns/v0.2.0\", \"statements\": [{\"status\": \"fixed\"}]}",
                TRUSTED,
                VerifiedAttestation.REFERRER)));
        assertEquals(0, found.documents().files().size());
        assertEquals(1, found.problems().size());
        String problem = found.problems().get(0).message();
        assertTrue(problem.contains("OpenVEX attestation") && problem.contains("no vulnerability"), problem);
    }
}
