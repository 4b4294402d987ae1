package dev.gate.cli.interop;

import static dev.gate.cli.InProcessGate.gate;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gate.cli.InProcessGate.Run;
import dev.gate.cli.sign.VerifyCommand;
import dev.gate.image.Digest;
import dev.gate.pipeline.attestation.AttestedPredicates;
import dev.gate.pipeline.bundle.PolicyArchive;
import dev.gate.pipeline.bundle.PolicyBundles;
import dev.gate.pipeline.decision.DecisionRecord;
import dev.gate.policy.wasm.OpaBuild;
import dev.gate.signing.oci.LayoutSignatureStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Policies published by one job and pinned by another: {@code gate policy push} publishes a signed bundle that cosign
 * verifies and oras pulls, {@code gate policy pull} and {@code gate push --policy oci://REF --policy-key K} fetch it
 * verified, the decision record names the bundle's digest, and a bundle no trusted key signed stops the run with
 * exit 1 before the image is read.
 */
class PolicyBundleRegistryTest extends RegistryInterop {

    private static final Pattern PUBLISHED = Pattern.compile("as oci://(\\S+@sha256:[0-9a-f]{64})");
    private static final String SAMPLE_DIGEST =
            "sha256:799fb5134de02aaa15cf6285f044fb8d90b86815d0cec9bd4217f21ae486a440";

    private Path policyFolder() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("policies/waivers"));
        Files.copy(root.resolve("policies/prod.rego"), dir.resolve("policies/prod.rego"));
        Files.copy(root.resolve("policies/data.example.yaml"), dir.resolve("policies/data.yaml"));
        Files.writeString(
                folder.resolve("rules.yaml"),
                "waivers:\n  - rule: root\n    reason: legacy base image\n"
                        + "    approver: sec@example.com\n    expires: 2099-01-01\n"
                        + "  - rule: unscanned\n    reason: no advisory database in this job\n    approver: sec@example.com\n    expires: 2099-01-01\n");
        Files.writeString(dir.resolve("policies/README.md"), "not part of the bundle\n");
        return dir.resolve("policies");
    }

    private String publish(Path folder, String key, String reference) {
        Run pushed = gate(
                "policy",
                "push",
                folder.toString(),
                reference,
                "--key",
                dir.resolve(key + ".key").toString());
        assertEquals(0, pushed.code(), pushed.toString());
        Matcher m = PUBLISHED.matcher(pushed.out());
        assertTrue(m.find(), pushed.out());
        return m.group(1);
    }

    /** Gates the sample into the layout {@code out} with the bundle at {@code reference}; the signed decision record. */
    private JsonNode gatedWith(String reference, Path publicKey, Path out) throws Exception {
        Run pushed = gate(
                "push",
                "--policy",
                "oci://" + reference,
                "--policy-key",
                publicKey.toString(),
                "--key",
                dir.resolve("gate.key").toString(),
                "--no-scan",
                "--name",
                "registry.example.com/demo/sample:1.0.0",
                "oci:" + root.resolve("testdata/sample") + ":1.0.0",
                "oci:" + out + ":1.0.0");
        assertEquals(0, pushed.code(), pushed.toString());
        return AttestedPredicates.read(
                        new LayoutSignatureStore(out), Digest.parse(SAMPLE_DIGEST), VerifyCommand.readPublic(publicKey))
                .predicate(DecisionRecord.PREDICATE_TYPE);
    }

    @Test
    void aBundlePublishedByOneJobIsPinnedVerifiedAndRecordedByAnother() throws Exception {
        Path publicKey = gateKeyPair("gate");
        String reference = Cosign.freshImage(registry, "policies", "v1");
        String pinned = publish(policyFolder(), "gate", reference);

        Tool verified = cosign.verify("verify", publicKey, reference);
        assertEquals(0, verified.code(), "cosign accepts the bundle's signature: " + verified);
        Tool pulled = Tool.run(
                "oras",
                dir,
                java.util.Map.of(),
                "pull",
                "--plain-http",
                "-o",
                dir.resolve("oras").toString(),
                reference);
        assertEquals(0, pulled.code(), pulled.toString());
        PolicyArchive.Contents unpacked = PolicyArchive.unpack(
                Files.readAllBytes(dir.resolve("oras/bundle.tar.gz")),
                "oras",
                Files.createDirectories(dir.resolve("oras-unpacked")));
        assertEquals(3, unpacked.files(), "prod.rego, data.yaml and the waiver, not the README");

        Run pull = gate(
                "policy", "pull", reference, dir.resolve("pulled").toString(), "--policy-key", publicKey.toString());
        assertEquals(0, pull.code(), pull.toString());
        assertArrayEquals(
                Files.readAllBytes(root.resolve("policies/prod.rego")),
                Files.readAllBytes(dir.resolve("pulled/prod.rego")));
        assertTrue(Files.isRegularFile(dir.resolve("pulled/waivers/rules.yaml")));
        assertFalse(Files.exists(dir.resolve("pulled/README.md")));

        Path out = dir.resolve("out");
        JsonNode decision = gatedWith(reference, publicKey, out);
        String digest = pinned.substring(pinned.indexOf('@') + 1);
        assertEquals(digest, decision.at("/policyBundles/0/digest").asText(), decision.toString());
        assertEquals(
                "oci://" + pinned + "/prod.rego",
                decision.at("/policies/0/path").asText());
        assertEquals(
                "oci://" + pinned + "/data.yaml", decision.at("/data/0/path").asText(), "the bundle's data was merged");
        assertTrue(
                decision.at("/waivers/rules").toString().contains("root"),
                "the bundle's waivers took effect: " + decision);

        Path config = Files.writeString(
                dir.resolve("gate.yaml"),
                "policies: [oci://" + pinned + "]\npolicyKeys: [gate.pub]\n" + "key: gate.key\n");
        Path fromConfig = dir.resolve("from-config");
        Run configured = gate(
                "push",
                "--config",
                config.toString(),
                "--no-scan",
                "--name",
                "registry.example.com/demo/sample:1.0.0",
                "oci:" + root.resolve("testdata/sample") + ":1.0.0",
                "oci:" + fromConfig + ":1.0.0");
        assertEquals(
                0,
                configured.code(),
                "a configuration file pins the bundle and the key it is signed with: " + configured);
        assertEquals(
                digest,
                AttestedPredicates.read(
                                new LayoutSignatureStore(fromConfig),
                                Digest.parse(SAMPLE_DIGEST),
                                VerifyCommand.readPublic(publicKey))
                        .predicate(DecisionRecord.PREDICATE_TYPE)
                        .at("/policyBundles/0/digest")
                        .asText());

        Run rechecked = gate(
                "verify",
                "--key",
                publicKey.toString(),
                "--policy",
                "oci://" + pinned,
                "--policy-key",
                publicKey.toString(),
                "--db",
                osvDatabase().toString(),
                "--name",
                "registry.example.com/demo/sample:1.0.0",
                "oci:" + out + ":1.0.0");
        assertEquals(0, rechecked.code(), "verify --policy re-evaluates with the pinned bundle: " + rechecked);
        assertTrue(rechecked.out().contains("policy re-evaluation: PASSED"), rechecked.out());
        Run untrusted = gate(
                "verify",
                "--key",
                publicKey.toString(),
                "--policy",
                "oci://" + pinned,
                "--policy-key",
                otherPublicKey().toString(),
                "--name",
                "registry.example.com/demo/sample:1.0.0",
                "oci:" + out + ":1.0.0");
        assertEquals(1, untrusted.code(), untrusted.toString());
        assertTrue(untrusted.err().contains("does not verify with the policy key"), untrusted.err());
    }

    /** OPA's .manifest names the Rego dialect of a bundle's files, locally (--policy DIR) and pulled from a registry. */
    @Test
    void aBundleIsReadInTheRegoDialectsItsManifestNames() throws Exception {
        Path publicKey = gateKeyPair("gate");
        Path folder = Files.createDirectories(dir.resolve("mixed/v1"));
        Files.writeString(
                folder.resolve("notes.rego"),
                "package notes\n\nwarn contains \"read as v1\" if input.image.tag != \"latest\"\n");
        Files.writeString(
                dir.resolve("mixed/prod.rego"),
                "package prod\n\ndeny[msg] { input.image.tag == \"1.0.0\"; msg := \"read as v0\" }\n");
        Run withoutManifest = gate("policy", "check", dir.resolve("mixed").toString());
        assertEquals(2, withoutManifest.code(), "v0 is not the default dialect: " + withoutManifest);
        Files.writeString(
                dir.resolve("mixed/.manifest"), "{\"rego_version\": 0, \"file_rego_versions\": {\"/v1/*.rego\": 1}}");
        Run checked = gate("policy", "check", dir.resolve("mixed").toString());
        assertEquals(0, checked.code(), checked.toString());

        String reference = Cosign.freshImage(registry, "policies", "mixed");
        publish(dir.resolve("mixed"), "gate", reference);
        Run pushed = gate(
                "push",
                "--policy",
                "oci://" + reference,
                "--policy-key",
                publicKey.toString(),
                "--no-sign",
                "--no-scan",
                "--name",
                "registry.example.com/demo/sample:1.0.0",
                "oci:" + root.resolve("testdata/sample") + ":1.0.0",
                "oci:" + dir.resolve("out") + ":1.0.0");
        assertEquals(1, pushed.code(), "the v0 rule denies: " + pushed);
        assertTrue(pushed.out().contains("read as v0") && pushed.out().contains("read as v1"), pushed.toString());
    }

    /** A security team that compiles its policies with {@code opa build -t wasm} publishes the wasm bundle instead. */
    @Test
    void aWasmBundleIsPublishedSignedAndDecidesInPlaceOfRegoSources() throws Exception {
        Path publicKey = gateKeyPair("gate");
        Path folder = policyFolder();
        Files.copy(
                OpaBuild.bundle(dir, "prod-wasm.tar.gz", List.of("gate/prod"), List.of(), "policies/prod.rego"),
                Files.createDirectories(dir.resolve("compiled")).resolve("bundle.tar.gz"));
        Files.createDirectories(dir.resolve("compiled/waivers"));
        Files.copy(folder.resolve("waivers/rules.yaml"), dir.resolve("compiled/waivers/rules.yaml"));
        Files.copy(folder.resolve("data.yaml"), dir.resolve("compiled/data.yaml"));
        String reference = Cosign.freshImage(registry, "policies", "wasm");
        String pinned = publish(dir.resolve("compiled"), "gate", reference);

        Path out = dir.resolve("out");
        JsonNode decision = gatedWith(reference, publicKey, out);
        assertEquals("wasm", decision.at("/engine/name").asText(), decision.toString());
        assertEquals(
                "oci://" + pinned + "/bundle.tar.gz",
                decision.at("/policies/0/path").asText(),
                decision.toString());
        assertTrue(
                decision.at("/waivers/rules").toString().contains("unscanned"),
                "the bundle's waivers took effect: " + decision);

        Run denied = gate(
                "push",
                "--policy",
                "oci://" + reference,
                "--policy-key",
                publicKey.toString(),
                "--no-sign",
                "--no-scan",
                "--name",
                "registry.example.com/demo/sample:latest",
                "oci:" + root.resolve("testdata/sample") + ":1.0.0",
                "oci:" + dir.resolve("denied") + ":latest");
        assertEquals(1, denied.code(), "the wasm bundle's rules deny a latest tag: " + denied);
    }

    @Test
    void aBundleNoTrustedKeySignedStopsTheRunBeforeTheImageIsRead() throws Exception {
        Path trusted = gateKeyPair("gate");
        gateKeyPair("other");
        String reference = Cosign.freshImage(registry, "policies", "v1");
        publish(policyFolder(), "other", reference);
        Path out = dir.resolve("out");
        Run pushed = gate(
                "push",
                "--policy",
                "oci://" + reference,
                "--policy-key",
                trusted.toString(),
                "--no-sign",
                "--no-scan",
                "--name",
                "registry.example.com/demo/sample:1.0.0",
                "oci:" + dir.resolve("no-such-image") + ":1.0.0",
                "oci:" + out + ":1.0.0");
        assertEquals(1, pushed.code(), "refused before the (missing) image is read: " + pushed);
        assertTrue(pushed.err().contains("does not verify with the policy key"), pushed.err());
        assertFalse(Files.exists(out));

        Run pull =
                gate("policy", "pull", reference, dir.resolve("pulled").toString(), "--policy-key", trusted.toString());
        assertEquals(1, pull.code(), pull.toString());
        assertFalse(Files.exists(dir.resolve("pulled/prod.rego")), "nothing of an unverified bundle is unpacked");
    }

    @Test
    void anUnsignedBundleAndAnImageInPlaceOfABundleAreRefused() throws Exception {
        Path trusted = gateKeyPair("gate");
        Path folder = policyFolder();
        Files.write(dir.resolve("bundle.tar.gz"), PolicyArchive.pack(PolicyArchive.contents(folder)));
        String unsigned = Cosign.freshImage(registry, "policies", "unsigned");
        Tool orasPush = Tool.run(
                "oras",
                dir,
                java.util.Map.of(),
                "push",
                "--plain-http",
                "--artifact-type",
                PolicyBundles.ARTIFACT_TYPE,
                unsigned,
                "bundle.tar.gz:" + PolicyBundles.LAYER_TYPE);
        assertEquals(0, orasPush.code(), orasPush.toString());
        Run pull = gate("policy", "pull", unsigned, dir.resolve("a").toString(), "--policy-key", trusted.toString());
        assertEquals(1, pull.code(), pull.toString());
        assertTrue(pull.err().contains("not signed"), pull.err());

        String image = unsignedSample("not-a-bundle");
        assertEquals(
                0,
                gate("sign", "--key", dir.resolve("gate.key").toString(), image).code());
        Run wrongType = gate("policy", "pull", image, dir.resolve("b").toString(), "--policy-key", trusted.toString());
        assertEquals(2, wrongType.code(), wrongType.toString());
        assertTrue(wrongType.err().contains("not a policy bundle"), wrongType.err());

        Run noKey = gate(
                "push",
                "--policy",
                "oci://" + unsigned,
                "--no-sign",
                "--no-scan",
                "oci:" + root.resolve("testdata/sample") + ":1.0.0",
                "oci:" + dir.resolve("out") + ":1.0.0");
        assertEquals(2, noKey.code(), noKey.toString());
        assertTrue(noKey.err().contains("needs --policy-key"), noKey.err());
    }
}
