package dev.gate.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.image.Digest;
import dev.gate.signing.oci.CosignAttacher;
import dev.gate.signing.oci.CosignLayer;
import dev.gate.signing.oci.InMemorySignatureStore;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyVerifierTest {

    private static final Digest IMAGE = Digest.sha256("image".getBytes());
    private static final Digest OTHER = Digest.sha256("other".getBytes());
    private static final String REPO = "registry.example/app";
    private final InMemorySignatureStore store = new InMemorySignatureStore();
    private final CosignAttacher attacher = new CosignAttacher(store);
    private final CosignKeyPair key = CosignKeyFile.generate();

    @Test
    void signatureAndAttestationVerify() throws Exception {
        ImageSignatures.sign(attacher, key, REPO, IMAGE);
        ImageAttestations.attest(attacher, key, IMAGE, statement("cyclonedx"), false);
        Verification result = new KeyVerifier(attacher, key.publicKey()).verify(IMAGE, null);
        assertTrue(result.ok(), result.failures().toString());
        assertEquals(
                List.of(
                        new Verification.Verified("signature", null, REPO, Signer.key(key.publicKey())),
                        new Verification.Verified(
                                "attestation", InTotoStatement.SBOM_CYCLONEDX, REPO, Signer.key(key.publicKey()))),
                result.verified());
        assertEquals(List.of(EcdsaSigner.keyId(key.publicKey())), result.keyIds());
    }

    @Test
    void otherKeyDoesNotVerifyAndSaysWhy() {
        ImageSignatures.sign(attacher, key, REPO, IMAGE);
        Verification result = new KeyVerifier(attacher, CosignKeyFile.generate().publicKey()).verify(IMAGE, null);
        assertFalse(result.ok());
        assertEquals(Problem.Kind.UNTRUSTED_SIGNER, result.untrusted().get(0).kind(), result.toString());
        assertTrue(
                result.untrusted().get(0).message().contains("does not verify with a trusted key"), result.toString());
    }

    /** As in cosign: a second party's signature or attestation is listed, and never fails what the trusted key signed. */
    @Test
    void anotherSignersClaimsBesideTheTrustedOnesAreListedNotFailures() throws Exception {
        ImageSignatures.sign(attacher, key, REPO, IMAGE);
        ImageSignatures.sign(attacher, CosignKeyFile.generate(), REPO, IMAGE);
        ImageAttestations.attest(attacher, CosignKeyFile.generate(), IMAGE, statement("cyclonedx"), false);
        Verification result = new KeyVerifier(attacher, key.publicKey()).verify(IMAGE, null);
        assertEquals(
                List.of(new Verification.Verified("signature", null, REPO, Signer.key(key.publicKey()))),
                result.verified());
        assertTrue(result.ok(), result.toString());
        assertEquals(2, result.untrusted().size(), result.toString());
        assertTrue(
                result.untrusted().get(1).message().contains("attestation does not verify with a trusted key"),
                result.toString());
    }

    @Test
    void anotherSignersAttestationDoesNotSatisfyARequiredType() throws Exception {
        ImageSignatures.sign(attacher, key, REPO, IMAGE);
        ImageAttestations.attest(attacher, CosignKeyFile.generate(), IMAGE, statement("cyclonedx"), false);
        Verification result = new KeyVerifier(attacher, key.publicKey()).verify(IMAGE, InTotoStatement.SBOM_CYCLONEDX);
        assertFalse(result.ok(), result.toString());
        assertEquals(
                List.of(new Problem(
                        Problem.Kind.MISSING_ATTESTATION,
                        CosignAttacher.attestationTag(IMAGE) + ": no verified attestation of type "
                                + InTotoStatement.SBOM_CYCLONEDX)),
                result.failures());
    }

    @Test
    void aSignedImageWithoutAttestationsVerifies() {
        ImageSignatures.sign(attacher, key, REPO, IMAGE);
        Verification result = new KeyVerifier(attacher, key.publicKey()).verify(IMAGE, null);
        assertTrue(result.ok(), result.toString());
        assertEquals(
                List.of(new Problem(
                        Problem.Kind.NO_ATTESTATIONS,
                        CosignAttacher.attestationTag(IMAGE) + ": no attestations found")),
                result.absent());
    }

    @Test
    void tamperedPayloadDoesNotVerify() {
        CosignLayer genuine = ImageSignatures.signatureLayer(key, REPO, IMAGE);
        byte[] altered = new String(genuine.content(), StandardCharsets.UTF_8)
                .replace(REPO, "evil.example/app")
                .getBytes(StandardCharsets.UTF_8);
        attacher.append(
                CosignAttacher.signatureTag(IMAGE),
                new CosignLayer(genuine.mediaType(), altered, genuine.annotations()));
        Verification result = new KeyVerifier(attacher, key.publicKey()).verify(IMAGE, null);
        assertFalse(result.ok());
        assertTrue(result.untrusted().get(0).message().contains("payload altered"), result.toString());
    }

    @Test
    void signatureOfAnotherDigestIsADigestMismatch() {
        attacher.append(CosignAttacher.signatureTag(IMAGE), ImageSignatures.signatureLayer(key, REPO, OTHER));
        Verification result = new KeyVerifier(attacher, key.publicKey()).verify(IMAGE, null);
        assertFalse(result.ok());
        assertEquals(Problem.Kind.WRONG_SUBJECT, result.failures().get(0).kind(), result.toString());
        assertTrue(
                result.failures().get(0).message().contains("names " + OTHER + ", not the image " + IMAGE),
                result.toString());
    }

    @Test
    void missingAndCorruptedAreReported() {
        Verification missing = new KeyVerifier(attacher, key.publicKey()).verify(IMAGE, null);
        assertFalse(missing.ok());
        assertTrue(missing.failures().isEmpty(), missing.failures().toString());
        assertEquals(Problem.Kind.NO_SIGNATURES, missing.absent().get(0).kind(), missing.toString());
        assertTrue(
                missing.absent().get(0).message().endsWith(".sig: no signatures found"),
                missing.absent().toString());
        store.put(CosignAttacher.signatureTag(IMAGE), "][".getBytes(), Map.of());
        Verification corrupted = new KeyVerifier(attacher, key.publicKey()).verify(IMAGE, null);
        assertTrue(
                corrupted.failures().get(0).message().contains("corrupted signature manifest"),
                corrupted.failures().toString());
    }

    @Test
    void attestationTypeFilterAndReplace() {
        ImageAttestations.attest(attacher, key, IMAGE, statement("cyclonedx"), false);
        ImageAttestations.attest(attacher, key, IMAGE, statement("vuln"), false);
        ImageAttestations.attest(attacher, key, IMAGE, statement("cyclonedx"), true);
        assertEquals(2, attacher.layers(CosignAttacher.attestationTag(IMAGE)).size());
        Verification vuln = new KeyVerifier(attacher, key.publicKey()).verify(IMAGE, InTotoStatement.VULN);
        assertEquals(1, vuln.verified().size());
        assertEquals(InTotoStatement.VULN, vuln.verified().get(0).predicateType());
        assertFalse(new KeyVerifier(attacher, key.publicKey())
                .verify(IMAGE, "https://example.com/none")
                .ok());
    }

    @Test
    void dsseLayerHasCosignsShapeAndSignsThePae() throws Exception {
        CosignLayer layer = ImageAttestations.layer(key, statement("vuln"));
        assertEquals("application/vnd.dsse.envelope.v1+json", layer.mediaType());
        assertEquals(
                Map.of("dev.cosignproject.cosign/signature", "", "predicateType", InTotoStatement.VULN),
                layer.annotations());
        var envelope = new ObjectMapper().readTree(layer.content());
        assertEquals(
                "application/vnd.in-toto+json", envelope.path("payloadType").asText());
        byte[] payload = Base64.getDecoder().decode(envelope.path("payload").asText());
        String statement = new String(payload, StandardCharsets.UTF_8);
        assertTrue(
                statement.startsWith("{\"_type\":\"https://in-toto.io/Statement/v0.1\",\"subject\":[{\"name\":\"" + REPO
                        + "\",\"digest\":{\"sha256\":\"" + IMAGE.hex() + "\"}}],\"predicateType\":\""
                        + InTotoStatement.VULN + "\""),
                statement);
        byte[] sig = Base64.getDecoder()
                .decode(envelope.path("signatures").get(0).path("sig").asText());
        byte[] pae = ("DSSEv1 28 application/vnd.in-toto+json " + payload.length + " " + statement)
                .getBytes(StandardCharsets.UTF_8);
        assertTrue(EcdsaSigner.verify(key.publicKey(), pae, sig));
    }

    /** After a rotation both keys are trusted: each claim names the key that verified it. */
    @Test
    void anyTrustedKeyVerifiesAndEachClaimNamesItsKey() throws Exception {
        CosignKeyPair rotated = CosignKeyFile.generate();
        ImageSignatures.sign(attacher, key, REPO, IMAGE);
        ImageAttestations.attest(attacher, rotated, IMAGE, statement("cyclonedx"), false);
        Verification result = new KeyVerifier(attacher, TrustedKeys.of(List.of(key.publicKey(), rotated.publicKey())))
                .verify(IMAGE, null);
        assertTrue(result.ok(), result.toString());
        assertEquals(
                List.of(
                        new Verification.Verified("signature", null, REPO, Signer.key(key.publicKey())),
                        new Verification.Verified(
                                "attestation", InTotoStatement.SBOM_CYCLONEDX, REPO, Signer.key(rotated.publicKey()))),
                result.verified());
        assertEquals(List.of(Signer.key(key.publicKey()), Signer.key(rotated.publicKey())), result.signers());
        assertEquals(List.of(), result.untrusted());
    }

    /** A genuine claim by a trusted key about another image, stored under this one (a replay), fails the image. */
    @Test
    void replayedClaimOfATrustedKeyFailsEvenBesideAnotherTrustedSignature() {
        CosignKeyPair release = CosignKeyFile.generate();
        ImageSignatures.sign(attacher, key, REPO, IMAGE);
        attacher.append(CosignAttacher.signatureTag(IMAGE), ImageSignatures.signatureLayer(release, REPO, OTHER));
        Verification result = new KeyVerifier(attacher, TrustedKeys.of(List.of(key.publicKey(), release.publicKey())))
                .verify(IMAGE, null);
        assertFalse(result.ok(), result.toString());
        assertEquals(Problem.Kind.WRONG_SUBJECT, result.failures().get(0).kind(), result.toString());
        assertTrue(
                result.failures().get(0).message().contains("names " + OTHER + ", not the image " + IMAGE),
                result.toString());
    }

    /** cosign's duplicate detection: the same key attesting the same predicate again adds nothing; a new predicate does. */
    @Test
    void attestingTheSamePredicateTwiceWithOneKeyAddsNothing() {
        assertTrue(ImageAttestations.attest(attacher, key, IMAGE, statement("cyclonedx"), false));
        assertFalse(ImageAttestations.attest(attacher, key, IMAGE, statement("cyclonedx"), false));
        assertFalse(ImageAttestations.attest(attacher, key, IMAGE, statement("cyclonedx"), true));
        assertEquals(1, attacher.layers(CosignAttacher.attestationTag(IMAGE)).size());
        assertTrue(ImageAttestations.attest(attacher, CosignKeyFile.generate(), IMAGE, statement("cyclonedx"), false));
        InTotoStatement changed = new InTotoStatement(
                REPO,
                IMAGE,
                InTotoStatement.SBOM_CYCLONEDX,
                new ObjectMapper().createObjectNode().put("scanner", "other"));
        assertTrue(ImageAttestations.attest(attacher, key, IMAGE, changed, false));
        assertEquals(3, attacher.layers(CosignAttacher.attestationTag(IMAGE)).size());
    }

    @Test
    void signingTwiceWithOneKeyAddsNoSecondSignature() {
        assertTrue(ImageSignatures.sign(attacher, key, REPO, IMAGE));
        assertFalse(ImageSignatures.sign(attacher, key, REPO, IMAGE));
        assertEquals(1, attacher.layers(CosignAttacher.signatureTag(IMAGE)).size());
    }

    private static InTotoStatement statement(String type) {
        return new InTotoStatement(
                REPO,
                IMAGE,
                InTotoStatement.predicateTypeFor(type),
                new ObjectMapper().createObjectNode().put("scanner", "gate"));
    }
}
