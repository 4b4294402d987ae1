package dev.gate.signing.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.errors.GateException;
import dev.gate.image.Digest;
import dev.gate.signing.CosignKeyFile;
import dev.gate.signing.CosignKeyPair;
import dev.gate.signing.EcdsaSigner;
import dev.gate.signing.ImageSignatures;
import dev.gate.signing.SimpleSigningPayload;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CosignAttacherTest {

    private static final Digest IMAGE = Digest.sha256("image manifest".getBytes());
    private static final String REPO = "registry.example/team/app";
    private final InMemorySignatureStore store = new InMemorySignatureStore();
    private final CosignAttacher attacher = new CosignAttacher(store);

    @Test
    void signatureManifestHasCosignsShape() throws Exception {
        CosignKeyPair key = CosignKeyFile.generate();
        assertTrue(ImageSignatures.sign(attacher, key, REPO, IMAGE));
        String tag = "sha256-" + IMAGE.hex() + ".sig";
        JsonNode manifest = new ObjectMapper().readTree(store.manifest(tag).orElseThrow());
        assertEquals(
                "application/vnd.oci.image.manifest.v1+json",
                manifest.path("mediaType").asText());
        assertEquals(
                "application/vnd.oci.image.config.v1+json",
                manifest.path("config").path("mediaType").asText());
        JsonNode layer = manifest.path("layers").get(0);
        assertEquals(
                "application/vnd.dev.cosign.simplesigning.v1+json",
                layer.path("mediaType").asText());
        byte[] payload = store.blob(Digest.parse(layer.path("digest").asText()));
        assertEquals(new String(new SimpleSigningPayload(REPO, IMAGE).bytes()), new String(payload));
        byte[] signature = Base64.getDecoder()
                .decode(layer.path("annotations")
                        .path(CosignLayer.SIGNATURE_ANNOTATION)
                        .asText());
        assertTrue(EcdsaSigner.verify(key.publicKey(), payload, signature));
        JsonNode config = new ObjectMapper()
                .readTree(store.blob(
                        Digest.parse(manifest.path("config").path("digest").asText())));
        assertEquals(
                layer.path("digest").asText(),
                config.path("rootfs").path("diff_ids").get(0).asText());
    }

    /**
     * The exact bytes cosign writes (go-containerregistry's empty image plus appended layers, as
     * cosign's SIGNATURE_SPEC describes): OCI manifest and config media types, a config whose
     * rootfs lists each layer and whose history has one zero-time entry per layer, fields in Go's
     * struct order, and only the signature annotation on a key-signed layer.
     */
    @Test
    void signatureManifestAndConfigAreCosignsBytes() {
        CosignLayer layer = ImageSignatures.signatureLayer(CosignKeyFile.generate(), REPO, IMAGE);
        attacher.append(CosignAttacher.signatureTag(IMAGE), layer);
        String config = "{\"architecture\":\"\",\"created\":\"0001-01-01T00:00:00Z\",\"history\":[{\"created\":"
                + "\"0001-01-01T00:00:00Z\"}],\"os\":\"\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                + layer.digest()
                + "\"]},\"config\":{}}";
        String manifest =
                "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{"
                        + "\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"size\":" + config.length()
                        + ",\"digest\":\""
                        + Digest.sha256(config.getBytes())
                        + "\"},\"layers\":[{\"mediaType\":\"application/vnd.dev.cosign.simplesigning.v1+json\","
                        + "\"size\":" + layer.content().length + ",\"digest\":\"" + layer.digest()
                        + "\",\"annotations\":{"
                        + "\"dev.cosignproject.cosign/signature\":\""
                        + layer.annotations().get(CosignLayer.SIGNATURE_ANNOTATION) + "\"}}]}";
        assertEquals(
                manifest,
                new String(store.manifest(CosignAttacher.signatureTag(IMAGE)).orElseThrow()));
        assertEquals(config, new String(store.blob(Digest.sha256(config.getBytes()))));
    }

    @Test
    void newSignaturesAreAppendedAndExactDuplicatesSkipped() {
        String tag = CosignAttacher.signatureTag(IMAGE);
        CosignLayer first = ImageSignatures.signatureLayer(CosignKeyFile.generate(), REPO, IMAGE);
        CosignLayer second = ImageSignatures.signatureLayer(CosignKeyFile.generate(), REPO, IMAGE);
        assertTrue(attacher.append(tag, first));
        assertTrue(attacher.append(tag, second));
        assertFalse(attacher.append(tag, first));
        List<CosignLayer> layers = attacher.layers(tag);
        assertEquals(2, layers.size());
        assertTrue(layers.get(0).sameAs(first) && layers.get(1).sameAs(second));
    }

    @Test
    void replaceDropsMatchingLayers() {
        String tag = CosignAttacher.attestationTag(IMAGE);
        CosignLayer sbom =
                new CosignLayer(CosignLayer.DSSE, "a".getBytes(), Map.of("predicateType", "https://cyclonedx.org/bom"));
        CosignLayer vuln = new CosignLayer(CosignLayer.DSSE, "b".getBytes(), Map.of("predicateType", "vuln"));
        CosignLayer newer =
                new CosignLayer(CosignLayer.DSSE, "c".getBytes(), Map.of("predicateType", "https://cyclonedx.org/bom"));
        attacher.append(tag, sbom);
        attacher.append(tag, vuln);
        attacher.replace(
                tag,
                newer,
                l -> "https://cyclonedx.org/bom".equals(l.annotations().get("predicateType")));
        List<CosignLayer> layers = attacher.layers(tag);
        assertEquals(2, layers.size());
        assertTrue(layers.get(0).sameAs(vuln) && layers.get(1).sameAs(newer));
    }

    @Test
    void corruptedManifestIsNamed() {
        String tag = CosignAttacher.signatureTag(IMAGE);
        store.put(tag, "{not json".getBytes(), Map.of());
        GateException e = assertThrows(GateException.class, () -> attacher.layers(tag));
        assertTrue(e.getMessage().startsWith(tag + ": corrupted signature manifest"), e.getMessage());
    }
}
