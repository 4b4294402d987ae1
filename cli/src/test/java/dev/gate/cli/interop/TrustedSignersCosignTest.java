package dev.gate.cli.interop;

import static dev.gate.cli.InProcessGate.gate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.cli.InProcessGate.Run;
import dev.gate.cli.gate.TestImages;
import dev.gate.cli.sign.VerifyCommand;
import dev.gate.signing.EcdsaSigner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Images signed by two parties, judged by cosign and by gate alike: any trusted key verifies, the other party's claims
 * are listed and never fail the image, and only what a trusted key verified reaches a policy. Signing again with one
 * key adds nothing that cosign would then have to read past.
 */
class TrustedSignersCosignTest extends RegistryInterop {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APPROVAL = "https://example.com/approval/v1";

    private String fresh(String name) {
        return registry + "/trust-tests/" + name + "-"
                + UUID.randomUUID().toString().substring(0, 8) + ":1.0.0";
    }

    private String sample(String name) {
        String image = fresh(name);
        Run copied = gate("copy", "oci:" + root.resolve("testdata/sample") + ":1.0.0", image);
        assertEquals(0, copied.code(), copied.toString());
        return image;
    }

    private static String keyId(Path publicKey) {
        return EcdsaSigner.keyId(VerifyCommand.readPublic(publicKey));
    }

    @Test
    void cosignSignsWithOneKeyGateWithAnotherAndEitherKeyVerifiesListingTheOther() throws Exception {
        String image = sample("two-parties");
        assertEquals(0, cosign.run("generate-key-pair").code());
        Path build = dir.resolve("cosign.pub");
        Path release = gateKeyPair("release");
        assertEquals(
                0,
                cosign.publish("sign", dir.resolve("cosign.key"), image, "--new-bundle-format=false")
                        .code());
        assertEquals(
                0,
                gate("sign", "--key", dir.resolve("release.key").toString(), image)
                        .code());
        Path predicate = Files.writeString(dir.resolve("approval.json"), "{\"approved\":true}");
        assertEquals(
                0,
                gate(
                                "attest",
                                "--key",
                                dir.resolve("release.key").toString(),
                                "--predicate",
                                predicate.toString(),
                                "--type",
                                APPROVAL,
                                image)
                        .code());

        Run byBuild = gate("verify", "--key", build.toString(), image);
        assertEquals(0, byBuild.code(), byBuild.toString());
        assertTrue(
                byBuild.out()
                        .contains("verified signature subject " + image.substring(0, image.lastIndexOf(':'))
                                + " by key " + keyId(build)),
                byBuild.out());
        assertEquals(2, count(byBuild.out(), "signed also by an untrusted key: "), byBuild.out());
        assertFalse(byBuild.out().contains("by key " + keyId(release)), byBuild.out());

        Run byRelease = gate("verify", "--key", release.toString(), image);
        assertEquals(0, byRelease.code(), byRelease.toString());
        assertTrue(byRelease.out().contains("verified attestation " + APPROVAL), byRelease.out());
        assertEquals(1, count(byRelease.out(), "signed also by an untrusted key: "), byRelease.out());

        Run both = gate("verify", "--key", build.toString(), "--key", release.toString(), "--output", "json", image);
        assertEquals(0, both.code(), both.toString());
        JsonNode result = JSON.readTree(both.out());
        assertEquals(List.of(keyId(build), keyId(release)), JSON.convertValue(result.path("keyIds"), List.class));
        assertEquals(0, result.path("untrusted").size(), both.out());
        assertEquals(3, result.path("verified").size(), both.out());

        // The release party's attestation is not the build key's to vouch for.
        Run required = gate("verify", "--key", build.toString(), "--require-attestation", APPROVAL, image);
        assertEquals(1, required.code(), required.toString());
        assertTrue(required.out().contains("no verified attestation of type " + APPROVAL), required.out());
        assertEquals(
                0,
                gate(
                                "verify",
                                "--key",
                                build.toString(),
                                "--key",
                                release.toString(),
                                "--require-attestation",
                                APPROVAL,
                                image)
                        .code());

        for (Path key : List.of(build, release)) {
            Tool judged = cosign.verify("verify", key, image);
            assertEquals(0, judged.code(), key + ": " + judged);
        }
        assertEquals(
                1, gate("verify", "--key", otherPublicKey().toString(), image).code());
    }

    @Test
    void signingAndAttestingAgainWithOneKeyAddsNothingAndCosignStillVerifies() throws Exception {
        String image = sample("twice");
        Path publicKey = gateKeyPair("gate");
        Path predicate = Files.writeString(dir.resolve("approval.json"), "{\"approved\":true}");
        for (String expected : List.of("Signed ", "Already signed ")) {
            Run signed = gate("sign", "--key", dir.resolve("gate.key").toString(), image);
            assertEquals(0, signed.code(), signed.toString());
            assertTrue(signed.out().startsWith(expected), signed.out());
        }
        for (String expected : List.of("Attested ", "Already attested ", "Already attested ")) {
            Run attested = gate(
                    "attest",
                    "--key",
                    dir.resolve("gate.key").toString(),
                    "--predicate",
                    predicate.toString(),
                    "--type",
                    APPROVAL,
                    "--replace",
                    image);
            assertEquals(0, attested.code(), attested.toString());
            assertTrue(attested.out().startsWith(expected), attested.out());
        }
        String digest = digestOf(image);
        assertEquals(1, layers(image, digest, ".sig"));
        assertEquals(1, layers(image, digest, ".att"));
        assertEquals(0, cosign.verify("verify", publicKey, image).code());
        assertEquals(
                0,
                cosign.verify("verify-attestation", publicKey, image, "--type", APPROVAL)
                        .code());
    }

    /** With --bundle too: a second run finds this key's bundle among the referrers and publishes none. */
    @Test
    void signingAndAttestingAgainWithBundlesPublishesNoSecondReferrer() throws Exception {
        String image = sample("twice-bundled");
        Path publicKey = gateKeyPair("gate");
        Path predicate = Files.writeString(dir.resolve("approval.json"), "{\"approved\":true}");
        for (int run = 0; run < 2; run++) {
            Run signed =
                    gate("sign", "--bundle", "--key", dir.resolve("gate.key").toString(), image);
            assertEquals(0, signed.code(), signed.toString());
            assertTrue(
                    signed.out().startsWith(run == 0 ? "Bundle published" : "Bundle already published"), signed.out());
            Run attested = gate(
                    "attest",
                    "--bundle",
                    "--key",
                    dir.resolve("gate.key").toString(),
                    "--predicate",
                    predicate.toString(),
                    "--type",
                    APPROVAL,
                    image);
            assertEquals(0, attested.code(), attested.toString());
            assertTrue(
                    attested.out().startsWith(run == 0 ? "Bundle published" : "Bundle already published"),
                    attested.out());
        }
        String digest = digestOf(image);
        String fallback = image.substring(0, image.lastIndexOf(':')) + ":" + digest.replace(':', '-');
        assertEquals(
                2, JSON.readTree(crane("manifest", fallback)).path("manifests").size());
        assertEquals(
                0,
                cosign.verify("verify", publicKey, image, "--new-bundle-format=true")
                        .code());
        assertEquals(
                0,
                cosign.verify("verify-attestation", publicKey, image, "--new-bundle-format=true", "--type", APPROVAL)
                        .code());
    }

    @Test
    void aRerunOfGatePushAddsNoSecondSignature() throws Exception {
        gateKeyPair("gate");
        String image = fresh("rerun");
        List<Integer> attestations = new java.util.ArrayList<>();
        for (int run = 0; run < 2; run++) {
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
                    "oci:" + root.resolve("testdata/sample") + ":1.0.0",
                    image);
            assertEquals(0, pushed.code(), pushed.toString());
            attestations.add(layers(image, digestOf(image), ".att"));
        }
        String digest = digestOf(image);
        assertEquals(1, layers(image, digest, ".sig"));
        assertEquals(
                attestations.get(0), attestations.get(1), "a rerun replaces or keeps each attestation, never adds one");
        assertEquals(0, cosign.verify("verify", dir.resolve("gate.pub"), image).code());
    }

    /** {@code gate sign} on an index signs each image it lists, as cosign sign --recursive; cosign verifies every child. */
    @Test
    void signingAnIndexSignsEachImageItLists() throws Exception {
        Path layout = dir.resolve("multi");
        TestImages.writeIndex(
                layout,
                "2.0.0",
                List.of(TestImages.Spec.compliant(), TestImages.Spec.compliant().withArchitecture("arm64")));
        String image = fresh("recursive");
        assertEquals(0, gate("copy", "oci:" + layout + ":2.0.0", image).code());
        Path publicKey = gateKeyPair("gate");
        Run signed = gate("sign", "--key", dir.resolve("gate.key").toString(), image);
        assertEquals(0, signed.code(), signed.toString());
        assertEquals(3, count(signed.out(), "Signed "), signed.out());
        String repository = image.substring(0, image.lastIndexOf(':'));
        for (JsonNode child : JSON.readTree(crane("manifest", image)).path("manifests")) {
            String each = repository + "@" + child.path("digest").asText();
            assertEquals(0, cosign.verify("verify", publicKey, each).code(), each);
        }
        assertEquals(0, cosign.verify("verify", publicKey, image).code());
        Run again = gate("sign", "--key", dir.resolve("gate.key").toString(), image);
        assertEquals(3, count(again.out(), "Already signed "), again.out());
    }

    private String digestOf(String image) throws Exception {
        return crane("digest", image).trim();
    }

    private int layers(String image, String digest, String suffix) throws Exception {
        String repository = image.substring(0, image.lastIndexOf(':'));
        String tag = digest.replace(':', '-') + suffix;
        return JSON.readTree(crane("manifest", repository + ":" + tag))
                .path("layers")
                .size();
    }

    private String crane(String command, String image) throws Exception {
        Tool tool = Tool.run("crane", dir, Map.of(), command, "--insecure", image);
        assertEquals(0, tool.code(), tool.toString());
        return tool.output();
    }

    static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }
}
