package dev.gate.cli.interop;

import static dev.gate.cli.InProcessGate.gate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.cli.InProcessGate.Run;
import dev.gate.cli.sign.Passwords;
import dev.gate.image.testing.LoopbackServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * cosign as the judge, both ways, on the real Distribution registry: what gate publishes passes {@code cosign verify}
 * and {@code cosign verify-attestation}; what cosign publishes passes {@code gate verify}; key files go both ways.
 * Key-based, without a transparency log, as an air-gapped pipeline runs them.
 */
class CosignInteropTest {

    private static final String DECISION = "https://gate.dev/attestation/decision/v1";
    private static final Map<String, String> PASSWORD = Map.of("COSIGN_PASSWORD", "pw");

    @TempDir
    Path dir;
    String registry;
    Path root = Path.of(System.getProperty("gate.root", ".."));

    @BeforeEach
    void setUp() {
        registry = LoopbackServices.require("GATE_REGISTRY_PLAIN");
        Passwords.environment = PASSWORD::get;
    }

    @AfterEach
    void restore() {
        Passwords.environment = System::getenv;
    }

    private String image(String name) {
        return registry + "/interop/" + name + "-" + UUID.randomUUID().toString().substring(0, 8) + ":1.0.0";
    }

    private Tool cosign(String... args) throws Exception {
        return Tool.run("cosign", dir, PASSWORD, args);
    }

    /** cosign's flags for a key-based check with no transparency log, on a plain-HTTP loopback registry. */
    private Tool cosignVerify(String command, Path publicKey, String image, String... more) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of(command, "--key", publicKey.toString(), "--insecure-ignore-tlog=true",
                "--allow-http-registry=true", "--allow-insecure-registry=true"));
        args.addAll(List.of(more));
        args.add(image);
        return cosign(args.toArray(String[]::new));
    }

    @Test
    void whatGatePushPublishesPassesCosignVerifyAndVerifyAttestation() throws Exception {
        assertEquals(0, gate("key", "generate", "--output-key-prefix", dir.resolve("gate").toString()).code());
        String image = image("gated");
        Run pushed = gate("push", "--policy", root.resolve("policies/prod.rego").toString(), "--data",
                root.resolve("policies/data.example.yaml").toString(), "--param", "high_fix_max_days=14", "--no-scan",
                "--key", dir.resolve("gate.key").toString(), "oci:" + root.resolve("testdata/sample") + ":1.0.0", image);
        assertEquals(0, pushed.code(), pushed.toString());
        Tool verified = cosignVerify("verify", dir.resolve("gate.pub"), image);
        assertEquals(0, verified.code(), verified.toString());
        for (String type : List.of("cyclonedx", DECISION)) {
            Tool attested = cosignVerify("verify-attestation", dir.resolve("gate.pub"), image, "--type", type);
            assertEquals(0, attested.code(), type + ": " + attested);
        }
        Tool other = cosignVerify("verify", writeOtherKey(), image);
        assertTrue(other.code() != 0, "another key does not verify: " + other);
    }

    /** cosign's publishing flags without a transparency log, on a plain-HTTP loopback registry. */
    private Tool cosignPublish(String command, String image, String... more) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of(command, "--key", "cosign.key", "--use-signing-config=false",
                "--tlog-upload=false", "--allow-http-registry=true", "--allow-insecure-registry=true", "--yes"));
        args.addAll(List.of(more));
        args.add(image);
        return cosign(args.toArray(String[]::new));
    }

    private String copiedSample(String name) {
        String image = image(name);
        Run copied = gate("copy", "oci:" + root.resolve("testdata/sample") + ":1.0.0", image);
        assertEquals(0, copied.code(), copied.toString());
        return image;
    }

    @Test
    void cosignsTagSchemaSignaturesAndAttestationsPassGateVerify() throws Exception {
        assertEquals(0, cosign("generate-key-pair").code());
        String image = copiedSample("cosigned-legacy");
        Path predicate = Files.writeString(dir.resolve("sbom.json"), "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\"}");
        Tool signed = cosignPublish("sign", image, "--new-bundle-format=false");
        assertEquals(0, signed.code(), signed.toString());
        Tool attested = cosignPublish("attest", image, "--new-bundle-format=false", "--type", "cyclonedx", "--predicate",
                predicate.toString());
        assertEquals(0, attested.code(), attested.toString());
        Run verified = gate("verify", "--key", dir.resolve("cosign.pub").toString(), image);
        assertEquals(0, verified.code(), verified.toString());
        assertTrue(verified.out().contains("verified signature"), verified.out());
        assertTrue(verified.out().contains("verified attestation https://cyclonedx.org/bom"), verified.out());
    }

    @Test
    void cosignsBundlesAsReferrersPassGateVerify() throws Exception {
        assertEquals(0, cosign("generate-key-pair").code());
        String image = copiedSample("cosigned-bundle");
        Path predicate = Files.writeString(dir.resolve("sbom.json"), "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\"}");
        assertEquals(0, cosignPublish("sign", image).code());
        assertEquals(0, cosignPublish("attest", image, "--type", "cyclonedx", "--predicate", predicate.toString()).code());
        Run verified = gate("verify", "--key", dir.resolve("cosign.pub").toString(), image);
        assertEquals(0, verified.code(), verified.toString());
        // cosign 3 signs an image as a DSSE statement of its own predicate type, kept in a sigstore bundle referrer.
        assertTrue(verified.out().contains("verified bundle attestation https://sigstore.dev/cosign/sign/v1"), verified.out());
        assertTrue(verified.out().contains("verified bundle attestation https://cyclonedx.org/bom"), verified.out());
        Run wrongKey = gate("verify", "--key", writeOtherKey().toString(), image);
        assertEquals(1, wrongKey.code(), wrongKey.toString());
    }

    @Test
    void keyFilesGoBothWays() throws Exception {
        assertEquals(0, cosign("generate-key-pair").code());
        String image = copiedSample("cosign-key");
        Run gateSigned = gate("sign", "--key", dir.resolve("cosign.key").toString(), image);
        assertEquals(0, gateSigned.code(), gateSigned.toString());
        Tool check = cosignVerify("verify", dir.resolve("cosign.pub"), image);
        assertEquals(0, check.code(), check.toString());

        assertEquals(0, gate("key", "generate", "--output-key-prefix", dir.resolve("gate").toString()).code());
        String second = copiedSample("gate-key");
        Tool cosignSigned = cosign("sign", "--key", dir.resolve("gate.key").toString(), "--use-signing-config=false",
                "--tlog-upload=false", "--new-bundle-format=false", "--allow-http-registry=true", "--allow-insecure-registry=true",
                "--yes", second);
        assertEquals(0, cosignSigned.code(), cosignSigned.toString());
        Run verified = gate("verify", "--key", dir.resolve("gate.pub").toString(), second);
        assertEquals(0, verified.code(), verified.toString());
    }

    @Test
    void cosignTreeShowsWhatGateAttached() throws Exception {
        assertEquals(0, gate("key", "generate", "--output-key-prefix", dir.resolve("gate").toString()).code());
        String image = copiedSample("tree");
        assertEquals(0, gate("sign", "--key", dir.resolve("gate.key").toString(), image).code());
        Path predicate = Files.writeString(dir.resolve("p.json"), "{}");
        assertEquals(0, gate("attest", "--key", dir.resolve("gate.key").toString(), "--predicate", predicate.toString(),
                "--type", "cyclonedx", image).code());
        Tool tree = cosign("tree", "--allow-http-registry=true", "--allow-insecure-registry=true", image);
        assertEquals(0, tree.code(), tree.toString());
        assertTrue(tree.output().contains("Signatures for an image tag") && tree.output().contains("Attestations for an image tag"),
                tree.output());
    }

    private Path writeOtherKey() throws Exception {
        Path other = Files.createDirectories(dir.resolve("other"));
        assertEquals(0, gate("key", "generate", "--output-key-prefix", other.resolve("k").toString()).code());
        return other.resolve("k.pub");
    }
}
