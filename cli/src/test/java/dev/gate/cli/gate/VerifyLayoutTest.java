package dev.gate.cli.gate;

import static dev.gate.cli.InProcessGate.onlyKeyPassword;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.cli.Environment;
import dev.gate.cli.InProcessGate;
import dev.gate.cli.InProcessGate.Run;
import dev.gate.signing.oci.LayoutSignatureStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gate verify, plain and with --policy, over what gate push --policy wrote into an OCI layout. */
class VerifyLayoutTest {

    static final String NAME = "registry.example.com/demo/sample:1.0.0";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Environment environment = Environment.system();

    @TempDir
    Path dir;

    Path out;
    String policy;
    String data;

    @BeforeEach
    void pushIntoALayout() {
        environment = environment.withVariables(onlyKeyPassword("pw"));
        GatedLayout layout = GatedLayout.push(dir, NAME);
        out = layout.out();
        policy = layout.policy();
        data = layout.data();
    }

    private String pub() {
        return dir.resolve("gate.pub").toString();
    }

    @Test
    void signatureAndEveryAttestationVerifyInTheLayout() {
        Run verified = gate("verify", "--key", pub(), "--name", NAME, "oci:" + out + ":1.0.0");
        assertEquals(0, verified.code(), verified.toString());
        assertTrue(
                verified.out().contains("verified signature subject registry.example.com/demo/sample"), verified.out());
        for (String type : new String[] {
            "https://cyclonedx.org/bom",
            "https://cosign.sigstore.dev/attestation/vuln/v1",
            "https://gate.dev/attestation/decision/v1"
        }) {
            assertTrue(verified.out().contains("verified attestation " + type), verified.out());
        }
    }

    @Test
    void policiesAreEvaluatedAgainUnderThePublishedName() {
        Run named = gate(
                "verify", "--key", pub(), "--name", NAME, "--policy", policy, "--data", data, "oci:" + out + ":1.0.0");
        assertEquals(0, named.code(), named.toString());
        assertTrue(named.out().contains("policy re-evaluation: PASSED"), named.out());

        // Without --name the image is named after the directory, which the shipped policy does not allow.
        Run unnamed = gate("verify", "--key", pub(), "--policy", policy, "--data", data, "oci:" + out + ":1.0.0");
        assertEquals(1, unnamed.code(), unnamed.toString());
        assertTrue(unnamed.out().contains("gate.prod.deny_registry: registry \"oci\""), unnamed.out());
    }

    @Test
    void anotherKeyOrATamperedAttestationFails() throws Exception {
        GateFixtures.keyPair(Files.createDirectory(dir.resolve("other")));
        Run otherKey = gate("verify", "--key", dir.resolve("other/gate.pub").toString(), "oci:" + out + ":1.0.0");
        assertEquals(1, otherKey.code(), otherKey.toString());

        // One byte of the first attestation's envelope changed in the layout's blob store.
        Path attestation = blob(firstLayerOf(manifestTagged(".att")));
        byte[] bytes = Files.readAllBytes(attestation);
        bytes[bytes.length / 2] ^= 1;
        Files.write(attestation, bytes);
        Run tampered = gate("verify", "--key", pub(), "--name", NAME, "oci:" + out + ":1.0.0");
        assertEquals(1, tampered.code(), tampered.toString());
        assertTrue(tampered.out().contains("verified signature"), "the signature still verifies: " + tampered.out());
        assertTrue(tampered.out().contains("not verified: "), tampered.out());
    }

    private JsonNode manifestTagged(String suffix) throws Exception {
        for (JsonNode entry : JSON.readTree(out.resolve("index.json").toFile()).path("manifests")) {
            if (entry.path("annotations")
                    .path(LayoutSignatureStore.REF_NAME)
                    .asText()
                    .endsWith(suffix)) {
                return JSON.readTree(blob(entry.path("digest").asText()).toFile());
            }
        }
        throw new AssertionError("no manifest tagged *" + suffix + " in " + out);
    }

    private static String firstLayerOf(JsonNode manifest) {
        return manifest.path("layers").path(0).path("digest").asText();
    }

    private Path blob(String digest) {
        return out.resolve("blobs/sha256").resolve(digest.substring("sha256:".length()));
    }

    @Test
    void aLayoutCopiedWithoutTheGateIsSignedAndVerifiedInPlace() {
        Path plain = dir.resolve("plain");
        assertEquals(
                0,
                gate(
                                "copy",
                                "-q",
                                "oci:" + GateFixtures.root().resolve("testdata/sample") + ":1.0.0",
                                "oci:" + plain + ":1.0.0")
                        .code());
        Run unsigned = gate("verify", "--key", pub(), "oci:" + plain + ":1.0.0");
        assertEquals(1, unsigned.code(), unsigned.toString());
        Run signed = gate("sign", "--key", dir.resolve("gate.key").toString(), "oci:" + plain + ":1.0.0");
        assertEquals(0, signed.code(), signed.toString());
        Run verified = gate("verify", "--key", pub(), "oci:" + plain + ":1.0.0");
        assertEquals(0, verified.code(), verified.toString());
        assertTrue(verified.out().contains("verified signature subject oci/plain"), verified.out());
    }

    @Test
    void badLayoutReferencesAreOneLineWithExitTwo() {
        Run noTag = gate("verify", "--key", pub(), "oci:" + out);
        assertEquals(2, noTag.code(), noTag.toString());
        assertTrue(noTag.err().contains("name the image's tag, oci:DIR:TAG"), noTag.err());
        Run unknownTag = gate("verify", "--key", pub(), "oci:" + out + ":9.9.9");
        assertEquals(2, unknownTag.code(), unknownTag.toString());
        assertTrue(unknownTag.err().contains("no image tagged '9.9.9'"), unknownTag.err());
        Run nameForRegistry = gate("verify", "--key", pub(), "--name", NAME, "127.0.0.1:1/demo/sample:1.0.0");
        assertEquals(2, nameForRegistry.code(), nameForRegistry.toString());
        assertTrue(Files.isDirectory(out), "verification writes nothing");
    }

    private Run gate(String... args) {
        return InProcessGate.gate(environment, args);
    }
}
