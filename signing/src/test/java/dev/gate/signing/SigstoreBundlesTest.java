package dev.gate.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.image.Descriptor;
import dev.gate.image.Digest;
import dev.gate.image.MediaTypes;
import dev.gate.signing.oci.ReferrerManifest;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SigstoreBundlesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final CosignKeyPair key = CosignKeyFile.generate();

    @Test
    void messageSignatureBundleCarriesDigestAndAVerifyingSignature() throws Exception {
        byte[] payload = new SimpleSigningPayload("r.example/app", Digest.sha256("i".getBytes())).bytes();
        byte[] signature = EcdsaSigner.sign(key, payload);
        JsonNode bundle = JSON.readTree(SigstoreBundles.messageSignature(key.publicKey(), payload, signature));
        assertEquals(
                "application/vnd.dev.sigstore.bundle.v0.3+json",
                bundle.path("mediaType").asText());
        assertEquals(
                EcdsaSigner.keyId(key.publicKey()),
                bundle.path("verificationMaterial")
                        .path("publicKey")
                        .path("hint")
                        .asText());
        JsonNode message = bundle.path("messageSignature");
        assertEquals(
                Digest.sha256(payload).hex(),
                java.util.HexFormat.of()
                        .formatHex(Base64.getDecoder()
                                .decode(message.path("messageDigest")
                                        .path("digest")
                                        .asText())));
        assertTrue(EcdsaSigner.verify(
                key.publicKey(),
                payload,
                Base64.getDecoder().decode(message.path("signature").asText())));
    }

    @Test
    void referrerManifestHasArtifactTypeEmptyConfigOneLayerAndSubject() throws Exception {
        byte[] bundle = SigstoreBundles.dsse(key.publicKey(), Dsse.sign(key, Dsse.IN_TOTO, "{}".getBytes()));
        Descriptor image = Descriptor.of(MediaTypes.OCI_MANIFEST, Digest.sha256("m".getBytes()), 1);
        JsonNode manifest = JSON.readTree(ReferrerManifest.build(SigstoreBundles.MEDIA_TYPE, bundle, image));
        assertEquals(SigstoreBundles.MEDIA_TYPE, manifest.path("artifactType").asText());
        assertEquals(
                "application/vnd.oci.empty.v1+json",
                manifest.path("config").path("mediaType").asText());
        assertEquals(
                "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
                manifest.path("config").path("digest").asText());
        assertEquals(1, manifest.path("layers").size());
        assertEquals(
                Digest.sha256(bundle).toString(),
                manifest.path("layers").get(0).path("digest").asText());
        assertEquals(
                image.digest().toString(),
                manifest.path("subject").path("digest").asText());
    }
}
