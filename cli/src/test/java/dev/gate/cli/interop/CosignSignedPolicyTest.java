package dev.gate.cli.interop;

import static dev.gate.cli.InProcessGate.gate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.cli.InProcessGate.Run;
import dev.gate.cli.gate.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code gate verify --policy} and {@code gate audit --policy} reach the same verdicts over images cosign signed and
 * attested (in its tag format and in its bundle format, cosign 3's default) as over the same images gate signed: one
 * compliant image, one with a fixable CRITICAL advisory, each under three signers.
 */
class CosignSignedPolicyTest extends RegistryInterop {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GOOD = "1.0.0";
    private static final String VULNERABLE = "1.0.1";

    /** Who signs and attests: gate itself, or cosign in one of its two formats. */
    private enum Signer {
        GATE,
        COSIGN_TAGS,
        COSIGN_BUNDLES
    }

    @Test
    void verdictsOverCosignSignedImagesAreThoseOverGateSignedOnes() throws Exception {
        gateKeyPair("gate");
        assertEquals(0, cosign.run("generate-key-pair").code());
        Path database = osvDatabase();
        Map<String, String> layouts = new LinkedHashMap<>();
        layouts.put(GOOD, layout("good", TestImages.Spec.compliant()));
        layouts.put(VULNERABLE, layout("vulnerable", TestImages.Spec.compliant().withVulnerableNpmPackage()));

        Map<Signer, String> repositories = new LinkedHashMap<>();
        for (Signer signer : Signer.values()) {
            String repository = Cosign.freshImage(
                    registry, "audited-" + signer.name().toLowerCase().replace('_', '-'), "x");
            repositories.put(signer, repository.substring(0, repository.length() - 2));
            for (Map.Entry<String, String> image : layouts.entrySet()) {
                publish(signer, image.getValue(), repositories.get(signer) + ":" + image.getKey());
            }
        }

        Map<Signer, List<String>> verdicts = new LinkedHashMap<>();
        for (Signer signer : Signer.values()) {
            List<String> verdict = new ArrayList<>();
            for (String tag : layouts.keySet()) {
                Run verified = gate(policyArgs("verify", signer, database, repositories.get(signer) + ":" + tag));
                verdict.add(tag + " exit " + verified.code() + " " + failingRules(verified.out()));
                assertTrue(verified.out().contains("policy re-evaluation: "), verified.toString());
            }
            Run audited = gate(policyArgs("audit", signer, database, repositories.get(signer), "--output", "json"));
            verdict.add("audit exit " + audited.code());
            for (JsonNode tag : JSON.readTree(audited.out()).path("tags")) {
                verdict.add(tag.path("tag").asText() + " signed "
                        + tag.path("signed").asBoolean() + " passed "
                        + tag.path("policyPassed").asBoolean() + " " + ruleNames(tag.path("failingRules")));
            }
            verdicts.put(signer, verdict);
        }
        List<String> gates = verdicts.get(Signer.GATE);
        assertEquals(
                List.of(
                        GOOD + " exit 0 []",
                        VULNERABLE + " exit 1 [deny_critical]",
                        "audit exit 1",
                        GOOD + " signed true passed true []",
                        VULNERABLE + " signed true passed false [deny_critical]"),
                gates,
                "gate's own verdicts");
        assertEquals(gates, verdicts.get(Signer.COSIGN_TAGS), "cosign's tag format");
        assertEquals(gates, verdicts.get(Signer.COSIGN_BUNDLES), "cosign's bundle format");
    }

    @Test
    void aCustomPredicateCosignAttestsIsFoundByItsType() throws Exception {
        assertEquals(0, cosign.run("generate-key-pair").code());
        String image = unsignedSample("custom");
        Path review = Files.writeString(dir.resolve("review.json"), "{\"reviewer\":\"security\",\"approved\":true}");
        for (String format : List.of("--new-bundle-format=false", "--new-bundle-format=true")) {
            Tool attested = cosign.publish(
                    "attest",
                    dir.resolve("cosign.key"),
                    image,
                    format,
                    "--type",
                    "https://example.com/review/v1",
                    "--predicate",
                    review.toString());
            assertEquals(0, attested.code(), attested.toString());
        }
        Run found = gate(
                "verify",
                "--key",
                dir.resolve("cosign.pub").toString(),
                "--attestation-type",
                "https://example.com/review/v1",
                image);
        assertEquals(0, found.code(), found.toString());
        assertTrue(
                found.out().contains("verified attestation https://example.com/review/v1")
                        && found.out().contains("verified bundle attestation https://example.com/review/v1"),
                found.out());
        Run missing =
                gate("verify", "--key", dir.resolve("cosign.pub").toString(), "--attestation-type", "vuln", image);
        assertEquals(1, missing.code(), missing.toString());
    }

    private void publish(Signer signer, String layout, String image) throws Exception {
        if (signer == Signer.GATE) {
            // Signs the image and attests the SBOM gate makes of it, as a push does, without deciding anything.
            Run pushed =
                    gate("push", "--sbom-only", "--key", dir.resolve("gate.key").toString(), layout, image);
            assertEquals(0, pushed.code(), pushed.toString());
            return;
        }
        Run copied = gate("copy", layout, image);
        assertEquals(0, copied.code(), copied.toString());
        Path sbom = dir.resolve("sbom-" + Math.abs(image.hashCode()) + ".json");
        Run made = gate("sbom", layout, "-o", sbom.toString());
        assertEquals(0, made.code(), made.toString());
        String format = signer == Signer.COSIGN_TAGS ? "--new-bundle-format=false" : "--new-bundle-format=true";
        Tool signed = cosign.publish("sign", dir.resolve("cosign.key"), image, format);
        assertEquals(0, signed.code(), signed.toString());
        Tool attested = cosign.publish(
                "attest",
                dir.resolve("cosign.key"),
                image,
                format,
                "--type",
                "cyclonedx",
                "--predicate",
                sbom.toString());
        assertEquals(0, attested.code(), attested.toString());
    }

    private String[] policyArgs(String command, Signer signer, Path database, String target, String... more) {
        List<String> args = new ArrayList<>(List.of(
                command,
                "--key",
                dir.resolve(signer == Signer.GATE ? "gate.pub" : "cosign.pub").toString(),
                "--policy",
                root.resolve("policies/prod.rego").toString(),
                "--data",
                root.resolve("policies/data.example.yaml").toString(),
                "--param",
                "high_fix_max_days=14",
                "--db",
                database.toString()));
        args.addAll(List.of(more));
        args.add(target);
        return args.toArray(String[]::new);
    }

    private String layout(String name, TestImages.Spec spec) throws Exception {
        Path layout = dir.resolve(name);
        TestImages.write(layout, "1.0.0", spec);
        return "oci:" + layout + ":1.0.0";
    }

    /** The rule names of the FAIL lines {@code gate verify --policy} prints ({@code FAIL  gate.prod.deny_x: msg}), sorted. */
    private static List<String> failingRules(String out) {
        return out.lines()
                .filter(line -> line.trim().startsWith("FAIL "))
                .map(line -> line.replaceAll("^\\s*FAIL\\s+[^:]*\\.(\\w+):.*$", "$1"))
                .sorted()
                .toList();
    }

    private static List<String> ruleNames(JsonNode failingRules) {
        List<String> names = new ArrayList<>();
        failingRules.forEach(
                rule -> names.add(rule.asText().replaceAll(":.*$", "").replaceAll("^.*\\.", "")));
        return names.stream().sorted().toList();
    }
}
