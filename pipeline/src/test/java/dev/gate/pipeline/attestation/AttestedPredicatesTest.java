package dev.gate.pipeline.attestation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.image.Digest;
import dev.gate.signing.CosignKeyFile;
import dev.gate.signing.CosignKeyPair;
import dev.gate.signing.ImageAttestations;
import dev.gate.signing.InTotoStatement;
import dev.gate.signing.Problem;
import dev.gate.signing.Signer;
import dev.gate.signing.TrustedKeys;
import dev.gate.signing.oci.CosignAttacher;
import dev.gate.signing.oci.InMemorySignatureStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What of an image's attestations may reach a policy: only what a trusted key verified, about this image. */
class AttestedPredicatesTest {

    private static final Digest IMAGE = Digest.sha256("image".getBytes());
    private static final Digest OTHER = Digest.sha256("other".getBytes());
    private static final String APPROVAL = "https://example.com/approval/v1";
    private final InMemorySignatureStore store = new InMemorySignatureStore();
    private final CosignAttacher attacher = new CosignAttacher(store);
    private final CosignKeyPair release = CosignKeyFile.generate();

    private static InTotoStatement approval(Digest image, boolean approved) {
        return new InTotoStatement(
                "registry.example/app",
                image,
                APPROVAL,
                new ObjectMapper().createObjectNode().put("approved", approved));
    }

    @Test
    void anUntrustedSignersApprovalNeverReachesThePolicyNorFailsIt() {
        ImageAttestations.attest(attacher, CosignKeyFile.generate(), IMAGE, approval(IMAGE, true), false);
        ImageAttestations.attest(attacher, release, IMAGE, approval(IMAGE, false), false);
        AttestedPredicates read = AttestedPredicates.read(store, IMAGE, TrustedKeys.of(release.publicKey()));
        assertEquals(List.of(), read.failures());
        assertEquals(1, read.attestations().size(), read.attestations().toString());
        VerifiedAttestation only = read.attestations().get(0);
        assertEquals(false, only.predicate().path("approved").asBoolean());
        assertEquals(Signer.key(release.publicKey()), only.signer());
        assertEquals(VerifiedAttestation.ATT_TAG, only.source());
        assertEquals(IMAGE.toString(), only.json().path("subject").asText());
        assertEquals(
                only.signer().keyId(), only.json().path("signer").path("keyId").asText());
    }

    /** A genuine approval of another image, copied under this one, is a failure: it is never read as this image's. */
    @Test
    void aTrustedApprovalOfAnotherImageReplayedHereFails() {
        attacher.append(CosignAttacher.attestationTag(IMAGE), ImageAttestations.layer(release, approval(OTHER, true)));
        AttestedPredicates read = AttestedPredicates.read(store, IMAGE, TrustedKeys.of(release.publicKey()));
        assertNull(read.predicate(APPROVAL));
        assertEquals(1, read.failures().size(), read.failures().toString());
        assertTrue(
                read.failures().get(0).message().contains("statement subjects do not include " + IMAGE),
                read.failures().toString());
        assertEquals(Problem.Kind.WRONG_SUBJECT, read.failures().get(0).kind(), "a trusted claim about another image");
    }
}
