package dev.gate.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.gate.image.Descriptor;
import dev.gate.image.Digest;
import dev.gate.image.MediaTypes;
import dev.gate.signing.oci.InMemorySignatureStore;
import dev.gate.signing.oci.Referrers;
import dev.gate.signing.testing.TestSigstore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keyless bundles of a throwaway sigstore instance (a test CA as Fulcio, a test log as Rekor) verify offline through
 * sigstore-java against its trusted root, and only there: the material every keyless test of gate stands on.
 */
class TestSigstoreKeylessTest {

    private static final String IDENTITY = "https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main";
    private static final String ISSUER = "https://token.actions.githubusercontent.com";
    private static final Digest IMAGE = Digest.sha256("image".getBytes(StandardCharsets.UTF_8));
    private static final String REPO = "registry.example/app";

    private final TestSigstore sigstore = new TestSigstore();
    private final InMemorySignatureStore store = new InMemorySignatureStore();

    @Test
    void messageSignatureAndAttestationVerifyForTheTrustedIdentityOnly(@TempDir Path dir) {
        KeylessPolicy trusted = new KeylessPolicy(
                new KeylessBundleVerifier(sigstore.writeTrustedRoot(dir.resolve("root.json"))), IDENTITY, ISSUER);
        KeylessSigning signer = sigstore.signer(IDENTITY, ISSUER);
        publish(signer.signImage(REPO, IMAGE));
        publish(signer.attest(statement(IMAGE, InTotoStatement.VULN)));

        Verification result = new ImageVerifier(store, TrustedKeys.none(), trusted).verify(REPO, IMAGE, null);
        assertEquals(
                List.of(
                        new Verification.Verified(
                                "keyless bundle signature", null, REPO, Signer.keyless(IDENTITY, ISSUER)),
                        new Verification.Verified(
                                "keyless bundle attestation",
                                InTotoStatement.VULN,
                                REPO,
                                Signer.keyless(IDENTITY, ISSUER))),
                result.verified(),
                result.toString());
        assertTrue(result.ok(), result.toString());

        KeylessPolicy otherIdentity = new KeylessPolicy(trusted.verifier(), "https://github.com/acme/other", ISSUER);
        Verification other = new ImageVerifier(store, TrustedKeys.none(), otherIdentity).verify(REPO, IMAGE, null);
        assertTrue(other.verified().isEmpty(), other.toString());
        assertEquals(2, other.untrusted().size(), other.toString());
    }

    @Test
    void anotherInstancesRootRefusesTheBundles(@TempDir Path dir) {
        KeylessPolicy elsewhere = new KeylessPolicy(
                new KeylessBundleVerifier(new TestSigstore().writeTrustedRoot(dir.resolve("o.json"))),
                IDENTITY,
                ISSUER);
        publish(sigstore.signer(IDENTITY, ISSUER).attest(statement(IMAGE, InTotoStatement.VULN)));
        Verification result = new ImageVerifier(store, TrustedKeys.none(), elsewhere).verify(REPO, IMAGE, null);
        assertTrue(result.verified().isEmpty(), result.toString());
        assertNotNull(
                result.failures().stream()
                        .filter(p -> p.kind() == Problem.Kind.SIGSTORE_REJECTED
                                && p.message().contains("certificate"))
                        .findFirst()
                        .orElse(null),
                result.toString());
    }

    @Test
    void anAttestationAboutAnotherImageFailsAsAReplay(@TempDir Path dir) {
        KeylessPolicy trusted = new KeylessPolicy(
                new KeylessBundleVerifier(sigstore.writeTrustedRoot(dir.resolve("root.json"))), IDENTITY, ISSUER);
        Digest other = Digest.sha256("other image".getBytes(StandardCharsets.UTF_8));
        publish(sigstore.signer(IDENTITY, ISSUER).attest(statement(other, InTotoStatement.VULN)));
        Verification result = new ImageVerifier(store, TrustedKeys.none(), trusted).verify(REPO, IMAGE, null);
        assertTrue(result.verified().isEmpty(), result.toString());
        assertEquals(1, result.failures().size(), result.toString());
        // sigstore-java checks a keyless statement's subjects itself, before gate reads the statement.
        assertEquals(Problem.Kind.SIGSTORE_REJECTED, result.failures().get(0).kind(), result.toString());
    }

    /** A referrer whose certificate bytes are garbage: one line naming the referrer, never an exception or a statement. */
    @Test
    void anUnreadableCertificateIsAOneLineFailure(@TempDir Path dir) throws Exception {
        KeylessPolicy trusted = new KeylessPolicy(
                new KeylessBundleVerifier(sigstore.writeTrustedRoot(dir.resolve("root.json"))), IDENTITY, ISSUER);
        com.fasterxml.jackson.databind.node.ObjectNode bundle =
                (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(sigstore.signer(IDENTITY, ISSUER).attest(statement(IMAGE, InTotoStatement.VULN)));
        ((com.fasterxml.jackson.databind.node.ObjectNode)
                        bundle.path("verificationMaterial").path("certificate"))
                .put("rawBytes", "bm90IGEgY2VydGlmaWNhdGUKG1szMW0=");
        publish(bundle.toString());
        Verification result = new ImageVerifier(store, TrustedKeys.none(), trusted).verify(REPO, IMAGE, null);
        assertTrue(result.verified().isEmpty(), result.toString());
        assertEquals(1, result.failures().size(), result.toString());
        assertEquals(Problem.Kind.UNREADABLE, result.failures().get(0).kind(), result.toString());
        assertTrue(
                result.failures()
                        .get(0)
                        .message()
                        .matches(
                                "referrer sha256:[0-9a-f]{64}: bundle certificate is not a readable X\\.509 certificate"),
                result.toString());
        dev.gate.errors.GateException opened = org.junit.jupiter.api.Assertions.assertThrows(
                dev.gate.errors.GateException.class,
                () -> TrustedKeys.none()
                        .withIdentity(trusted)
                        .openKeyless(bundle.toString().getBytes(StandardCharsets.UTF_8), IMAGE, "referrer x"));
        assertEquals(dev.gate.errors.GateException.Kind.INPUT, opened.kind());
    }

    static byte[] statement(Digest subject, String type) {
        return new InTotoStatement(
                        REPO,
                        subject,
                        type,
                        JsonNodeFactory.instance.objectNode().put("scanner", "gate"))
                .bytes();
    }

    private void publish(String bundle) {
        Referrers.publish(
                store,
                SigstoreBundles.MEDIA_TYPE,
                bundle.getBytes(StandardCharsets.UTF_8),
                Descriptor.of(MediaTypes.OCI_MANIFEST, IMAGE, 5));
    }
}
