package dev.gate.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.image.Descriptor;
import dev.gate.image.Digest;
import dev.gate.image.MediaTypes;
import dev.gate.signing.oci.InMemorySignatureStore;
import dev.gate.signing.oci.ReferrerManifest;
import dev.gate.signing.oci.Referrers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sigstore bundles read back from the referrers of an image, key-signed and keyless. */
class ImageVerifierTest {

    private static final Digest IMAGE = Digest.sha256("image".getBytes());
    private static final Descriptor SUBJECT = Descriptor.of(MediaTypes.OCI_MANIFEST, IMAGE, 5);
    private static final String REPO = "registry.example/app";
    private final InMemorySignatureStore store = new InMemorySignatureStore();
    private final CosignKeyPair key = CosignKeyFile.generate();

    @Test
    void keySignedMessageAndDsseBundlesVerify() {
        publish(signatureBundle(key, REPO, IMAGE), SUBJECT);
        publish(attestationBundle(key, IMAGE, InTotoStatement.VULN), SUBJECT);
        Verification result = new ImageVerifier(store, key.publicKey(), null).verify(REPO, IMAGE, null);
        assertTrue(
                result.verified()
                        .containsAll(List.of(
                                new Verification.Verified("bundle signature", null, REPO, Signer.key(key.publicKey())),
                                new Verification.Verified(
                                        "bundle attestation",
                                        InTotoStatement.VULN,
                                        REPO,
                                        Signer.key(key.publicKey())))),
                result.toString());
        Verification vulnOnly =
                new ImageVerifier(store, key.publicKey(), null).verify(REPO, IMAGE, InTotoStatement.VULN);
        assertEquals(
                List.of(new Verification.Verified(
                        "bundle attestation", InTotoStatement.VULN, REPO, Signer.key(key.publicKey()))),
                vulnOnly.verified());
    }

    @Test
    void bundleAloneVerifiesWithoutSigManifest() {
        publish(signatureBundle(key, REPO, IMAGE), SUBJECT);
        Verification result = new ImageVerifier(store, key.publicKey(), null).verify(REPO, IMAGE, null);
        assertTrue(result.ok(), result.toString());
        // Signed in the bundle format, the image lacks no signature; it does lack attestations in both formats.
        assertTrue(result.absent().stream().noneMatch(p -> p.kind() == Problem.Kind.NO_SIGNATURES), result.toString());
        assertTrue(
                result.absent().stream()
                        .anyMatch(p -> p.kind() == Problem.Kind.NO_ATTESTATIONS
                                && p.message().endsWith(".att: no attestations found")),
                result.toString());
    }

    @Test
    void cosign3SignatureStatementIsABundleSignatureNotAnAttestation() {
        publish(ImageSignatures.signatureBundle(key, REPO, IMAGE), SUBJECT);
        Verification signed = new ImageVerifier(store, key.publicKey(), null).verify(REPO, IMAGE, null);
        assertEquals(
                List.of(new Verification.Verified("bundle signature", null, REPO, Signer.key(key.publicKey()))),
                signed.verified());
        assertTrue(signed.problems().stream().noneMatch(p -> p.message().contains(".sig")), signed.toString());
        Verification asked =
                new ImageVerifier(store, key.publicKey(), null).verify(REPO, IMAGE, InTotoStatement.COSIGN_SIGN);
        assertFalse(asked.ok(), "a signature is no attestation of its type: " + asked);

        publish(attestationBundle(key, IMAGE, InTotoStatement.SBOM_CYCLONEDX), SUBJECT);
        Verification sbom =
                new ImageVerifier(store, key.publicKey(), null).verify(REPO, IMAGE, InTotoStatement.SBOM_CYCLONEDX);
        assertTrue(sbom.ok(), sbom.toString());
        assertEquals(List.of(), sbom.problems(), "attested in the bundle format, nothing is missing from .att");
    }

    @Test
    void bundlesOfAnotherKeyDoNotVerifyAndAreListedByTheKeyTheyName() {
        CosignKeyPair other = CosignKeyFile.generate();
        publish(signatureBundle(other, REPO, IMAGE), SUBJECT);
        publish(attestationBundle(other, IMAGE, InTotoStatement.VULN), SUBJECT);
        Verification result = new ImageVerifier(store, key.publicKey(), null).verify(REPO, IMAGE, null);
        assertFalse(result.ok());
        assertTrue(
                result.untrusted().stream()
                        .allMatch(p -> p.kind() == Problem.Kind.UNTRUSTED_SIGNER
                                && p.message().startsWith(EcdsaSigner.keyId(other.publicKey()) + " (")),
                result.toString());
        assertTrue(
                result.untrusted().stream()
                        .anyMatch(p -> p.message().contains("bundle signature does not verify with a trusted key")),
                result.toString());
        assertTrue(
                result.untrusted().stream()
                        .anyMatch(p -> p.message().contains("bundle attestation does not verify with a trusted key")),
                result.toString());
    }

    @Test
    void bundleSigningAnotherImagesPayloadIsADigestMismatch() {
        Digest other = Digest.sha256("other".getBytes());
        publish(signatureBundle(key, REPO, other), SUBJECT);
        publish(attestationBundle(key, other, InTotoStatement.VULN), SUBJECT);
        Verification result = new ImageVerifier(store, key.publicKey(), null).verify(REPO, IMAGE, null);
        assertFalse(result.ok());
        assertTrue(
                has(result, Problem.Kind.WRONG_SUBJECT, "which is not a simple-signing payload for the image " + IMAGE),
                result.toString());
        assertTrue(
                has(result, Problem.Kind.WRONG_SUBJECT, "attestation subjects do not include the image " + IMAGE),
                result.toString());
    }

    @Test
    void referrerOfAnotherSubjectOrWithAlteredLayerIsReported() {
        byte[] bundle = signatureBundle(key, REPO, IMAGE);
        Descriptor other = Descriptor.of(MediaTypes.OCI_MANIFEST, Digest.sha256("other".getBytes()), 5);
        byte[] manifest = ReferrerManifest.build(SigstoreBundles.MEDIA_TYPE, bundle, other);
        store.put(Digest.sha256(manifest).toString(), manifest, Map.of(Digest.sha256(bundle), bundle));
        byte[] altered = ReferrerManifest.build(SigstoreBundles.MEDIA_TYPE, bundle, SUBJECT);
        store.put(Digest.sha256(altered).toString(), altered, Map.of(Digest.sha256(bundle), "{}".getBytes()));
        store.put(Referrers.fallbackTag(IMAGE), index(manifest, altered), Map.of());
        Verification result = new ImageVerifier(store, key.publicKey(), null).verify(REPO, IMAGE, null);
        assertFalse(result.ok());
        assertTrue(
                has(result, Problem.Kind.UNREADABLE, "subject is " + other.digest() + ", not the image " + IMAGE),
                result.toString());
        assertTrue(
                has(result, Problem.Kind.UNREADABLE, "layer " + Digest.sha256(bundle) + " does not match its digest"),
                result.toString());
    }

    @Test
    void aKeylessBundleWithoutAKeylessPolicyIsAnotherSignersClaim() throws Exception {
        Path dir = SharedSigstore.dir();
        Digest subject = Digest.sha256(Files.readAllBytes(dir.resolve("artifact.txt")));
        publish(
                Files.readAllBytes(dir.resolve("bundle.dsse.sigstore")),
                Descriptor.of(MediaTypes.OCI_MANIFEST, subject, 1));
        Verification result = new ImageVerifier(store, key.publicKey(), null).verify(REPO, subject, null);
        assertFalse(result.ok());
        assertEquals(List.of(), result.failures(), "another signer's bundle fails nothing");
        assertEquals(1, result.untrusted().size(), result.toString());
        assertEquals(Problem.Kind.UNTRUSTED_SIGNER, result.untrusted().get(0).kind());
        String listed = result.untrusted().get(0).message();
        assertTrue(
                listed.startsWith(
                        "identity " + SharedSigstore.DSSE_IDENTITY + " (" + SharedSigstore.GITHUB_ISSUER + ") ("),
                listed);
        assertTrue(listed.contains("keyless bundle; no --trusted-root and identity were given to trust it"), listed);
    }

    @Test
    void realKeylessDsseBundleVerifiesAsReferrerOfItsSubject() throws Exception {
        Path dir = SharedSigstore.dir();
        // The real bundle attests artifact.txt; as a referrer of an "image" with that digest its claim holds.
        Digest subject = Digest.sha256(Files.readAllBytes(dir.resolve("artifact.txt")));
        publish(
                Files.readAllBytes(dir.resolve("bundle.dsse.sigstore")),
                Descriptor.of(MediaTypes.OCI_MANIFEST, subject, 1));
        KeylessBundleVerifier verifier = new KeylessBundleVerifier(dir.resolve("trusted_root.public-good.json"));
        Verification ok = new ImageVerifier(
                        store,
                        TrustedKeys.none(),
                        new KeylessPolicy(verifier, SharedSigstore.DSSE_IDENTITY, SharedSigstore.GITHUB_ISSUER))
                .verify(REPO, subject, "https://slsa.dev/provenance/v1");
        assertEquals(
                List.of(new Verification.Verified(
                        "keyless bundle attestation",
                        "https://slsa.dev/provenance/v1",
                        "a.txt",
                        Signer.keyless(SharedSigstore.DSSE_IDENTITY, SharedSigstore.GITHUB_ISSUER))),
                ok.verified(),
                ok.toString());
        Verification wrongIdentity = new ImageVerifier(
                        store,
                        TrustedKeys.none(),
                        new KeylessPolicy(
                                verifier,
                                "https://github.com/evil/repo/.github/workflows/x.yaml@refs/heads/main",
                                SharedSigstore.GITHUB_ISSUER))
                .verify(REPO, subject, null);
        assertFalse(wrongIdentity.ok(), wrongIdentity.toString());
        assertEquals(List.of(), wrongIdentity.failures(), "another identity's bundle is listed, not a failure");
        assertTrue(
                wrongIdentity
                        .untrusted()
                        .get(0)
                        .message()
                        .contains("keyless bundle of an identity that is not trusted"),
                wrongIdentity.toString());
        Verification wrongIssuer = new ImageVerifier(
                        store,
                        TrustedKeys.none(),
                        new KeylessPolicy(verifier, SharedSigstore.DSSE_IDENTITY, "https://accounts.google.com"))
                .verify(REPO, subject, null);
        assertFalse(wrongIssuer.ok(), wrongIssuer.toString());
        assertEquals(1, wrongIssuer.untrusted().size(), wrongIssuer.toString());
    }

    @Test
    void keylessBundleOfAnotherArtifactDoesNotVerifyForTheImage() throws Exception {
        Path dir = SharedSigstore.dir();
        publish(Files.readAllBytes(dir.resolve("bundle.dsse.sigstore")), SUBJECT);
        KeylessBundleVerifier verifier = new KeylessBundleVerifier(dir.resolve("trusted_root.public-good.json"));
        Verification result = new ImageVerifier(
                        store,
                        TrustedKeys.none(),
                        new KeylessPolicy(verifier, SharedSigstore.DSSE_IDENTITY, SharedSigstore.GITHUB_ISSUER))
                .verify(REPO, IMAGE, null);
        assertFalse(result.ok(), result.toString());
        assertEquals(1, result.failures().size(), result.toString());
        assertTrue(
                has(result, Problem.Kind.SIGSTORE_REJECTED, "does not match any subject sha256 digests"),
                result.toString());
    }

    /** Verifying keyless only, a key-signed bundle is another signer's claim, listed by the key it names. */
    @Test
    void aKeySignedBundleInAKeylessVerificationIsAnotherSignersClaim() throws Exception {
        publish(signatureBundle(key, REPO, IMAGE), SUBJECT);
        KeylessBundleVerifier verifier =
                new KeylessBundleVerifier(SharedSigstore.dir().resolve("trusted_root.public-good.json"));
        Verification result = new ImageVerifier(store, TrustedKeys.none(), new KeylessPolicy(verifier, "x", "y"))
                .verify(REPO, IMAGE, null);
        assertFalse(result.ok());
        assertEquals(List.of(), result.failures(), result.toString());
        assertTrue(
                result.untrusted().get(0).message().startsWith(EcdsaSigner.keyId(key.publicKey()) + " ("),
                result.toString());
    }

    @Test
    void keylessOnlyWithoutReferrersSaysSo() throws Exception {
        Path dir = SharedSigstore.dir();
        KeylessBundleVerifier verifier = new KeylessBundleVerifier(dir.resolve("trusted_root.public-good.json"));
        Verification result = new ImageVerifier(store, TrustedKeys.none(), new KeylessPolicy(verifier, "x", "y"))
                .verify(REPO, IMAGE, null);
        assertFalse(result.ok());
        assertEquals(
                List.of(new Problem(Problem.Kind.NO_BUNDLES, IMAGE + ": no sigstore bundle referrers found")),
                result.absent());
    }

    static byte[] signatureBundle(CosignKeyPair signer, String repository, Digest image) {
        byte[] payload = new SimpleSigningPayload(repository, image).bytes();
        return SigstoreBundles.messageSignature(signer.publicKey(), payload, EcdsaSigner.sign(signer, payload));
    }

    static byte[] attestationBundle(CosignKeyPair signer, Digest image, String predicateType) {
        InTotoStatement statement =
                new InTotoStatement(REPO, image, predicateType, new ObjectMapper().createObjectNode());
        return SigstoreBundles.dsse(signer.publicKey(), Dsse.sign(signer, Dsse.IN_TOTO, statement.bytes()));
    }

    private void publish(byte[] bundle, Descriptor subject) {
        Referrers.publish(store, SigstoreBundles.MEDIA_TYPE, bundle, subject);
    }

    private static byte[] index(byte[]... manifests) {
        StringBuilder json = new StringBuilder(
                "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":[");
        for (int i = 0; i < manifests.length; i++) {
            json.append(i == 0 ? "" : ",")
                    .append("{\"mediaType\":\"")
                    .append(MediaTypes.OCI_MANIFEST)
                    .append("\",\"digest\":\"")
                    .append(Digest.sha256(manifests[i]))
                    .append("\",\"size\":")
                    .append(manifests[i].length)
                    .append(",\"artifactType\":\"")
                    .append(SigstoreBundles.MEDIA_TYPE)
                    .append("\"}");
        }
        return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static boolean has(Verification result, Problem.Kind kind, String text) {
        return result.failures().stream()
                .anyMatch(p -> p.kind() == kind && p.message().contains(text));
    }
}
