package dev.gate.cli.interop;

import static dev.gate.cli.InProcessGate.gate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.cli.InProcessGate.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * cosign as the judge, both ways, on the real Distribution registry: what gate publishes passes {@code cosign verify}
 * and {@code cosign verify-attestation}; what cosign publishes passes {@code gate verify}; key files go both ways.
 * Key-based, without a transparency log, as an air-gapped pipeline runs them.
 */
class CosignInteropTest extends RegistryInterop {

    private static final String DECISION = "https://gate.dev/attestation/decision/v1";

    private String image(String name) {
        return Cosign.freshImage(registry, name, "1.0.0");
    }

    @Test
    void whatGatePushPublishesPassesCosignVerifyAndVerifyAttestation() throws Exception {
        gateKeyPair("gate");
        String image = image("gated");
        String mirror = image("gated-mirror");
        Run pushed = gate(
                "push",
                "--policy",
                root.resolve("policies/prod.rego").toString(),
                "--data",
                root.resolve("policies/data.example.yaml").toString(),
                "--param",
                "high_fix_max_days=14",
                "--db",
                osvDatabase().toString(),
                "--key",
                dir.resolve("gate.key").toString(),
                "--also",
                mirror,
                "oci:" + root.resolve("testdata/sample") + ":1.0.0",
                image);
        assertEquals(0, pushed.code(), pushed.toString());
        for (String where : List.of(image, mirror)) {
            Tool verified = cosign.verify("verify", dir.resolve("gate.pub"), where);
            assertEquals(0, verified.code(), where + ": " + verified);
            for (String type : List.of("cyclonedx", "vuln", DECISION)) {
                Tool attested = cosign.verify("verify-attestation", dir.resolve("gate.pub"), where, "--type", type);
                assertEquals(0, attested.code(), where + " " + type + ": " + attested);
            }
        }
        Tool other = cosign.verify("verify", otherPublicKey(), image);
        assertTrue(other.code() != 0, "another key does not verify: " + other);
    }

    @Test
    void cosignsTagSchemaSignaturesAndAttestationsPassGateVerify() throws Exception {
        assertEquals(0, cosign.run("generate-key-pair").code());
        String image = unsignedSample("cosigned-legacy");
        Path predicate =
                Files.writeString(dir.resolve("sbom.json"), "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\"}");
        Tool signed = cosign.publish("sign", dir.resolve("cosign.key"), image, "--new-bundle-format=false");
        assertEquals(0, signed.code(), signed.toString());
        Tool attested = cosign.publish(
                "attest",
                dir.resolve("cosign.key"),
                image,
                "--new-bundle-format=false",
                "--type",
                "cyclonedx",
                "--predicate",
                predicate.toString());
        assertEquals(0, attested.code(), attested.toString());
        Run verified = gate("verify", "--key", dir.resolve("cosign.pub").toString(), image);
        assertEquals(0, verified.code(), verified.toString());
        assertTrue(verified.out().contains("verified signature"), verified.out());
        assertTrue(verified.out().contains("verified attestation https://cyclonedx.org/bom"), verified.out());
    }

    @Test
    void cosignsBundlesAsReferrersPassGateVerify() throws Exception {
        assertEquals(0, cosign.run("generate-key-pair").code());
        String image = unsignedSample("cosigned-bundle");
        Path predicate =
                Files.writeString(dir.resolve("sbom.json"), "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\"}");
        assertEquals(0, cosign.publish("sign", dir.resolve("cosign.key"), image).code());
        assertEquals(
                0,
                cosign.publish(
                                "attest",
                                dir.resolve("cosign.key"),
                                image,
                                "--type",
                                "cyclonedx",
                                "--predicate",
                                predicate.toString())
                        .code());
        Run verified = gate("verify", "--key", dir.resolve("cosign.pub").toString(), image);
        assertEquals(0, verified.code(), verified.toString());
        // cosign 3 signs an image as a DSSE statement of its own predicate type, kept in a sigstore bundle referrer.
        assertTrue(verified.out().contains("verified bundle signature"), verified.out());
        assertTrue(
                verified.out().lines().noneMatch(line -> line.startsWith("absent:")),
                "held in the bundle format: " + verified.out());
        assertTrue(verified.out().contains("verified bundle attestation https://cyclonedx.org/bom"), verified.out());
        Run wrongKey = gate("verify", "--key", otherPublicKey().toString(), image);
        assertEquals(1, wrongKey.code(), wrongKey.toString());
    }

    @Test
    void keyFilesGoBothWays() throws Exception {
        assertEquals(0, cosign.run("generate-key-pair").code());
        String image = unsignedSample("cosign-key");
        Run gateSigned = gate("sign", "--key", dir.resolve("cosign.key").toString(), image);
        assertEquals(0, gateSigned.code(), gateSigned.toString());
        Tool check = cosign.verify("verify", dir.resolve("cosign.pub"), image);
        assertEquals(0, check.code(), check.toString());

        gateKeyPair("gate");
        String second = unsignedSample("gate-key");
        Tool cosignSigned = cosign.publish("sign", dir.resolve("gate.key"), second, "--new-bundle-format=false");
        assertEquals(0, cosignSigned.code(), cosignSigned.toString());
        Run verified = gate("verify", "--key", dir.resolve("gate.pub").toString(), second);
        assertEquals(0, verified.code(), verified.toString());
    }

    @Test
    void cosignTreeShowsWhatGateAttached() throws Exception {
        gateKeyPair("gate");
        String image = unsignedSample("tree");
        assertEquals(
                0,
                gate("sign", "--key", dir.resolve("gate.key").toString(), image).code());
        Path predicate = Files.writeString(dir.resolve("p.json"), "{}");
        assertEquals(
                0,
                gate(
                                "attest",
                                "--key",
                                dir.resolve("gate.key").toString(),
                                "--predicate",
                                predicate.toString(),
                                "--type",
                                "cyclonedx",
                                image)
                        .code());
        Tool tree = cosign.run("tree", "--allow-http-registry=true", "--allow-insecure-registry=true", image);
        assertEquals(0, tree.code(), tree.toString());
        assertTrue(
                tree.output().contains("Signatures for an image tag")
                        && tree.output().contains("Attestations for an image tag"),
                tree.output());
    }
}
