package dev.gate.cli.interop;

import static dev.gate.cli.InProcessGate.gate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.cli.InProcessGate.Run;
import dev.gate.cli.gate.TestImages;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * cosign judges multi-platform images: the index and every child gate signs and attests pass {@code cosign verify}
 * and {@code cosign verify-attestation}, also in the copy {@code gate copy} makes in another repository; and an index
 * cosign signs with {@code --recursive} passes {@code gate verify}, index and children alike.
 */
class MultiPlatformCosignTest extends RegistryInterop {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DECISION = "https://gate.dev/attestation/decision/v1";

    private String twoPlatformLayout() throws Exception {
        Path layout = dir.resolve("multi");
        TestImages.writeIndex(
                layout,
                "2.0.0",
                List.of(TestImages.Spec.compliant(), TestImages.Spec.compliant().withArchitecture("arm64")));
        return "oci:" + layout + ":2.0.0";
    }

    @Test
    void indexAndChildrenGatePushedPassCosignHereAndAfterGateCopy() throws Exception {
        gateKeyPair("gate");
        Path publicKey = dir.resolve("gate.pub");
        String image = Cosign.freshImage(registry, "multi", "2.0.0");
        Run pushed = gate(
                "push",
                "--policy",
                root.resolve("policies/prod.rego").toString(),
                "--data",
                root.resolve("policies/data.example.yaml").toString(),
                "--param",
                "high_fix_max_days=14",
                "--no-scan",
                "--waivers",
                root.resolve("testdata/waivers/unscanned.yaml").toString(),
                "--key",
                dir.resolve("gate.key").toString(),
                twoPlatformLayout(),
                image);
        assertEquals(0, pushed.code(), pushed.toString());
        String mirror = Cosign.freshImage(registry, "multi-mirror", "2.0.0");
        Run copied = gate("copy", image, mirror);
        assertEquals(0, copied.code(), copied.toString());

        for (String where : List.of(image, mirror)) {
            Tool valid = Tool.run("crane", dir, Map.of(), "validate", "--remote", where, "--insecure");
            assertEquals(0, valid.code(), where + ": " + valid);
            assertTrue(valid.output().contains("PASS"), valid.output());
            Tool index = cosign.verify("verify", publicKey, where);
            assertEquals(0, index.code(), where + ": " + index);
            Tool decision = cosign.verify("verify-attestation", publicKey, where, "--type", DECISION);
            assertEquals(0, decision.code(), where + ": " + decision);
            List<String> children = children(where);
            assertEquals(2, children.size(), where);
            for (String child : children) {
                Tool signed = cosign.verify("verify", publicKey, child);
                assertEquals(0, signed.code(), child + ": " + signed);
                assertTrue(signed.output().contains(child.substring(child.indexOf('@') + 1)), signed.output());
                for (String type : List.of("cyclonedx", DECISION)) {
                    Tool attested = cosign.verify("verify-attestation", publicKey, child, "--type", type);
                    assertEquals(0, attested.code(), child + " " + type + ": " + attested);
                }
            }
        }
        Tool other = cosign.verify("verify", otherPublicKey(), children(mirror).get(0));
        assertNotEquals(0, other.code(), "another key verifies nothing: " + other);
    }

    @Test
    void anIndexCosignSignsRecursivelyPassesGateVerifyThroughout() throws Exception {
        assertEquals(0, cosign.run("generate-key-pair").code());
        String image = Cosign.freshImage(registry, "multi-cosigned", "2.0.0");
        Run copied = gate("copy", twoPlatformLayout(), image);
        assertEquals(0, copied.code(), copied.toString());
        Tool signed =
                cosign.publish("sign", dir.resolve("cosign.key"), image, "--recursive", "--new-bundle-format=false");
        assertEquals(0, signed.code(), signed.toString());

        List<String> all = new ArrayList<>(children(image));
        all.add(image);
        for (String each : all) {
            Run verified = gate("verify", "--key", dir.resolve("cosign.pub").toString(), each);
            assertEquals(0, verified.code(), each + ": " + verified);
            assertTrue(verified.out().contains("verified signature"), verified.out());
            Run wrongKey = gate("verify", "--key", otherPublicKey().toString(), each);
            assertEquals(1, wrongKey.code(), each + ": " + wrongKey);
        }
    }

    /** The index's children as {@code repository@digest}, read with crane rather than through gate. */
    private List<String> children(String image) throws Exception {
        Tool manifest = Tool.run("crane", dir, Map.of(), "manifest", "--insecure", image);
        assertEquals(0, manifest.code(), manifest.toString());
        String repository = image.substring(0, image.lastIndexOf(':'));
        List<String> children = new ArrayList<>();
        for (JsonNode child : JSON.readTree(manifest.output()).path("manifests")) {
            children.add(repository + "@" + child.path("digest").asText());
        }
        return children;
    }
}
