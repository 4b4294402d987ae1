package dev.gate.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.image.Descriptor;
import dev.gate.image.Digest;
import dev.gate.image.MediaTypes;
import dev.gate.signing.oci.CosignAttacher;
import dev.gate.signing.oci.CosignLayer;
import dev.gate.signing.oci.InMemorySignatureStore;
import dev.gate.signing.oci.Referrers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A valid signature is not enough: the envelope must carry an in-toto statement ({@code payloadType}) and the
 * statement must say it is one ({@code _type}). Each refused document here is signed by the trusted key and
 * names the image, so only the type checks stop it.
 */
class AttestationTypesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Digest IMAGE = Digest.sha256("image".getBytes());
    private static final String REPO = "registry.example/app";
    private final InMemorySignatureStore store = new InMemorySignatureStore();
    private final CosignAttacher attacher = new CosignAttacher(store);
    private final CosignKeyPair key = CosignKeyFile.generate();

    private static byte[] statement(String type) {
        ObjectNode root = (ObjectNode) JSON.valueToTree(Map.of());
        if (type != null) {
            root.put("_type", type);
        }
        root.putArray("subject")
                .addObject()
                .put("name", REPO)
                .putObject("digest")
                .put("sha256", IMAGE.hex());
        root.put("predicateType", InTotoStatement.VULN);
        root.putObject("predicate").put("scanner", "gate");
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    private Verification attested(String payloadType, byte[] statement) {
        byte[] envelope = Dsse.sign(key, payloadType, statement);
        attacher.append(
                CosignAttacher.attestationTag(IMAGE),
                new CosignLayer(
                        CosignLayer.DSSE,
                        envelope,
                        Map.of(
                                CosignLayer.SIGNATURE_ANNOTATION,
                                "",
                                ImageAttestations.PREDICATE_TYPE_ANNOTATION,
                                InTotoStatement.VULN)));
        return new KeyVerifier(attacher, key.publicKey()).verify(IMAGE, null);
    }

    @Test
    void statementsOfBothVersionsVerify() {
        Verification v1 = attested(Dsse.IN_TOTO, statement(InTotoStatement.TYPE_V1));
        assertTrue(v1.failures().isEmpty(), v1.toString());
        assertEquals(
                List.of(new Verification.Verified(
                        "attestation", InTotoStatement.VULN, REPO, Signer.key(key.publicKey()))),
                v1.verified());
        Verification both = attested(Dsse.IN_TOTO, statement(InTotoStatement.TYPE_V01));
        assertEquals(2, both.verified().size(), both.toString());
    }

    @Test
    void anEnvelopeOfAnotherPayloadTypeIsRefused() {
        Verification result = attested("application/vnd.example.deployment+json", statement(InTotoStatement.TYPE_V1));
        assertTrue(result.verified().isEmpty(), result.toString());
        assertTrue(
                has(
                        result,
                        "DSSE payloadType must be application/vnd.in-toto+json, found "
                                + "'application/vnd.example.deployment+json'"),
                result.toString());
    }

    @Test
    void aStatementWithoutAnInTotoTypeIsRefused() {
        assertTrue(has(
                attested(Dsse.IN_TOTO, statement(null)),
                "statement _type must be " + InTotoStatement.TYPE_V1 + " or " + InTotoStatement.TYPE_V01
                        + ", found none"));
        assertTrue(has(
                attested(Dsse.IN_TOTO, statement("https://in-toto.io/Statement/v2")),
                "found 'https://in-toto.io/Statement/v2'"));
        assertTrue(has(attested(Dsse.IN_TOTO, statement("https://example.com/Link/v0.2")), "statement _type must be"));
        assertTrue(has(new KeyVerifier(attacher, key.publicKey()).verify(IMAGE, null), "found none"));
    }

    @Test
    void aKeySignedBundleOfAnotherPayloadTypeIsRefused() {
        byte[] bundle =
                SigstoreBundles.dsse(key.publicKey(), Dsse.sign(key, "text/plain", statement(InTotoStatement.TYPE_V1)));
        Referrers.publish(store, SigstoreBundles.MEDIA_TYPE, bundle, Descriptor.of(MediaTypes.OCI_MANIFEST, IMAGE, 5));
        Verification result = new ImageVerifier(store, key.publicKey(), null).verify(REPO, IMAGE, null);
        assertFalse(result.ok(), result.toString());
        assertTrue(
                has(result, "DSSE payloadType must be application/vnd.in-toto+json, found 'text/plain'"),
                result.toString());
    }

    @Test
    void aTypeFullOfControlCharactersIsShownEscaped() {
        Verification result = attested(Dsse.IN_TOTO, statement("\u001b]0;owned\u0007"));
        assertTrue(has(result, "found '\\x1b]0;owned\\x07'"), result.toString());
        assertFalse(result.failures().stream().anyMatch(p -> p.message().contains("\u001b")), result.toString());
    }

    private static boolean has(Verification result, String text) {
        return result.failures().stream().anyMatch(p -> p.message().contains(text));
    }
}
