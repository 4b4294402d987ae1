package dev.gate.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.image.Descriptor;
import dev.gate.image.Digest;
import dev.gate.image.MediaTypes;
import dev.gate.image.testing.TestMaterial;
import dev.gate.signing.oci.CosignAttacher;
import dev.gate.signing.oci.CosignLayer;
import dev.gate.signing.oci.Referrers;
import dev.gate.signing.oci.RegistrySignatureStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What gate stores in a real registry, pulled back as raw manifests and blobs and verified by
 * implementations that are not gate's: OpenSSL for the simple-signing signature, Python's
 * cryptography for the DSSE envelope (rebuilding the PAE itself), sigstore-js for the bundles.
 */
class IndependentVerifiersRegistryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCRIPTS =
            Path.of(System.getProperty("gate.root", "..")).resolve("signing/src/test/independent");

    @TempDir
    Path dir;

    private LoopbackRegistry registry;
    private final CosignKeyPair key = CosignKeyFile.generate();

    @BeforeEach
    void signAndAttest() throws IOException {
        registry = LoopbackRegistry.withSample("independent");
        RegistrySignatureStore store = new RegistrySignatureStore(registry.client());
        CosignAttacher attacher = new CosignAttacher(store);
        Digest image = registry.descriptor().digest();
        CosignLayer signature =
                ImageSignatures.signatureLayer(key, registry.image().name(), image);
        attacher.append(CosignAttacher.signatureTag(image), signature);
        InTotoStatement statement = new InTotoStatement(
                registry.image().name(),
                image,
                InTotoStatement.VULN,
                JSON.createObjectNode().put("scanner", "gate"));
        ImageAttestations.attest(attacher, key, image, statement, false);
        byte[] sig = Base64.getDecoder().decode(signature.annotations().get(CosignLayer.SIGNATURE_ANNOTATION));
        Referrers.publish(
                store,
                SigstoreBundles.MEDIA_TYPE,
                SigstoreBundles.messageSignature(key.publicKey(), signature.content(), sig),
                registry.descriptor());
        Referrers.publish(
                store,
                SigstoreBundles.MEDIA_TYPE,
                SigstoreBundles.dsse(key.publicKey(), Dsse.sign(key, Dsse.IN_TOTO, statement.bytes())),
                registry.descriptor());
        Files.writeString(dir.resolve("key.pub"), key.publicPem());
        Files.writeString(dir.resolve("other.pub"), CosignKeyFile.generate().publicPem());
    }

    @Test
    void openSslVerifiesTheSimpleSigningSignature() throws Exception {
        if (run("openssl", "version") != 0) {
            TestMaterial.missing("openssl not installed");
        }
        JsonNode layer = layers(
                        CosignAttacher.signatureTag(registry.descriptor().digest()))
                .get(0);
        Files.write(dir.resolve("payload"), blob(layer));
        Files.write(
                dir.resolve("sig.der"),
                Base64.getDecoder()
                        .decode(layer.path("annotations")
                                .path("dev.cosignproject.cosign/signature")
                                .asText()));
        assertEquals(
                0,
                run("openssl", "dgst", "-sha256", "-verify", "key.pub", "-signature", "sig.der", "payload"),
                output());
        assertTrue(output().contains("Verified OK"), output());
        String payload = Files.readString(dir.resolve("payload"));
        assertTrue(
                payload.contains(
                        "\"docker-manifest-digest\":\"" + registry.descriptor().digest() + "\""),
                payload);
        assertNotEquals(
                0, run("openssl", "dgst", "-sha256", "-verify", "other.pub", "-signature", "sig.der", "payload"));
    }

    @Test
    void pythonCryptographyVerifiesTheDsseEnvelope() throws Exception {
        if (run("python3", "-c", "import cryptography") != 0) {
            TestMaterial.missing("python3 cryptography not installed");
        }
        JsonNode layer = layers(
                        CosignAttacher.attestationTag(registry.descriptor().digest()))
                .get(0);
        Files.write(dir.resolve("envelope.json"), blob(layer));
        String check = SCRIPTS.resolve("verify-dsse.py").toString();
        assertEquals(0, run("python3", check, "key.pub", "envelope.json"), output());
        assertEquals(InTotoStatement.VULN + " " + registry.descriptor().digest().hex(), output().strip());
        assertNotEquals(0, run("python3", check, "other.pub", "envelope.json"));
    }

    @Test
    void sigstoreJsVerifiesBothBundles() throws Exception {
        boolean installed = Files.isDirectory(SCRIPTS.resolve("node_modules/@sigstore/verify"));
        if (run("node", "--version") != 0 || !installed) {
            TestMaterial.missing(
                    "node or @sigstore/verify not installed (npm ci --prefix signing/src/test/independent)");
        }
        String script = SCRIPTS.resolve("verify-bundle.js").toString();
        List<byte[]> bundles = bundles();
        assertEquals(2, bundles.size());
        Files.write(dir.resolve("message.json"), bundles.get(0));
        Files.write(dir.resolve("dsse.json"), bundles.get(1));
        Files.write(
                dir.resolve("payload"),
                blob(layers(CosignAttacher.signatureTag(registry.descriptor().digest()))
                        .get(0)));

        assertEquals(0, run("node", script, "message.json", "key.pub", "payload"), output());
        assertEquals(0, run("node", script, "dsse.json", "key.pub"), output());
        assertTrue(output().contains("predicateType " + InTotoStatement.VULN), output());
        assertTrue(output().contains("sha256:" + registry.descriptor().digest().hex()), output());

        assertEquals(1, run("node", script, "message.json", "other.pub", "payload"), output());
        assertEquals(1, run("node", script, "dsse.json", "other.pub"), output());
        Files.writeString(dir.resolve("other-payload"), "{}");
        assertEquals(1, run("node", script, "message.json", "key.pub", "other-payload"), output());
    }

    /** The referrers' bundle layers, in the order the fallback index lists them. */
    private List<byte[]> bundles() throws IOException {
        JsonNode index = manifest(Referrers.fallbackTag(registry.descriptor().digest()));
        List<byte[]> bundles = new ArrayList<>();
        for (JsonNode referrer : index.path("manifests")) {
            JsonNode manifest = manifest(referrer.path("digest").asText());
            assertEquals(
                    SigstoreBundles.MEDIA_TYPE, manifest.path("artifactType").asText());
            assertEquals(
                    registry.descriptor().digest().toString(),
                    manifest.path("subject").path("digest").asText());
            bundles.add(blob(manifest.path("layers").get(0)));
        }
        return bundles;
    }

    private JsonNode layers(String tag) throws IOException {
        return manifest(tag).path("layers");
    }

    private JsonNode manifest(String tagOrDigest) throws IOException {
        return JSON.readTree(
                registry.client().getManifest(tagOrDigest).orElseThrow().raw());
    }

    private byte[] blob(JsonNode descriptor) throws IOException {
        Descriptor d = Descriptor.of(
                MediaTypes.OCI_LAYER,
                Digest.parse(descriptor.path("digest").asText()),
                descriptor.path("size").asLong());
        try (InputStream in = registry.client().openBlob(d)) {
            return in.readAllBytes();
        }
    }

    private String output() throws IOException {
        return Files.readString(dir.resolve("out"));
    }

    private int run(String... command) throws Exception {
        try {
            Process p = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("out").toFile())
                    .start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " timed out");
            return p.exitValue();
        } catch (IOException e) {
            return 127; // not installed
        }
    }
}
