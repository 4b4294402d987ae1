package dev.gate.cli.interop;

import static dev.gate.cli.InProcessGate.gate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.gate.cli.InProcessGate.Run;
import dev.gate.cli.gate.InputDocumentTest;
import dev.gate.cli.gate.TestImages;
import dev.gate.cli.sign.VerifyCommand;
import dev.gate.signing.EcdsaSigner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * OpenVEX as an attestation of the image: {@code gate attest --type openvex} writes what {@code cosign
 * verify-attestation --type openvex} accepts, and {@code gate verify --policy} and {@code gate audit --policy} apply a
 * VEX attestation as they apply {@code --vex FILE} when, and only when, a trusted key signed it. The image carries
 * minimist 1.2.5, whose CRITICAL advisory with a fix prod.rego denies unless VEX settles it.
 */
class AttestedVexTest extends RegistryInterop {

    private static final String ADVISORY = "GHSA-xvch-5gv4-984h";

    /** The vulnerable image pushed unscanned (with the waiver prod.rego asks for) and signed with gate.key. */
    private String pushVulnerable(String name) throws Exception {
        gateKeyPair("gate");
        Path layout = dir.resolve(name);
        TestImages.write(layout, "1.0.0", TestImages.Spec.compliant().withVulnerableNpmPackage());
        String image = Cosign.freshImage(registry, name, "1.0.0");
        Run pushed = gate(
                "push",
                "--policy",
                root.resolve("policies/prod.rego").toString(),
                "--data",
                root.resolve("policies/data.example.yaml").toString(),
                "--key",
                dir.resolve("gate.key").toString(),
                "--no-scan",
                "--waivers",
                root.resolve("testdata/waivers/unscanned.yaml").toString(),
                "oci:" + layout + ":1.0.0",
                image);
        assertEquals(0, pushed.code(), pushed.toString());
        return image;
    }

    /** An OpenVEX document (as OpenVEX's examples write one) saying the image's minimist is not affected. */
    private Path notAffected() throws Exception {
        return Files.writeString(dir.resolve("minimist.openvex.json"), """
                {"@context": "https://openvex.dev/ns/v0.2.0", "@id": "https://example.com/vex/minimist-1",
                 "author": "Security Team <security@example.com>", "timestamp": "2026-11-30T10:00:00Z", "version": 1,
                 "statements": [{"vulnerability": {"name": "CVE-2021-44906"},
                   "products": [{"@id": "pkg:npm/minimist@1.2.5"}],
                   "status": "not_affected", "justification": "vulnerable_code_not_in_execute_path"}]}
                """);
    }

    private Run attest(String key, Path document, String image) {
        return gate(
                "attest",
                "--key",
                dir.resolve(key + ".key").toString(),
                "--type",
                "openvex",
                "--predicate",
                document.toString(),
                image);
    }

    /** verify or audit with prod.rego, rescanning the attested SBOM, trusting the keys named ({@code --vex X} too). */
    private Run recheck(String command, String target, String... keys) {
        List<String> args = new ArrayList<>(List.of(command));
        for (String key : keys) {
            args.addAll(
                    key.startsWith("--")
                            ? List.of(key.split(" ", 2))
                            : List.of("--key", dir.resolve(key + ".pub").toString()));
        }
        args.addAll(List.of(
                "--policy",
                root.resolve("policies/prod.rego").toString(),
                "--data",
                root.resolve("policies/data.example.yaml").toString(),
                "--db",
                osvDatabase().toString(),
                "--output",
                "json",
                target));
        return gate(args.toArray(String[]::new));
    }

    /** {@code input.vex.documents} as docs/policy-input.schema.json describes it, and nothing it does not. */
    private void assertDocumented(JsonNode documents) throws Exception {
        JsonNode schema = new ObjectMapper()
                .readTree(root.resolve("docs/policy-input.schema.json").toFile())
                .at("/properties/vex/properties/documents");
        InputDocumentTest.assertDeclared(documents, schema, "input.vex.documents");
        assertEquals(
                java.util.Set.of(),
                JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                        .getSchema(schema)
                        .validate(documents),
                documents.toString());
    }

    /** The decision statement gate signed for {@code image}, as {@code cosign verify-attestation} reads it. */
    private JsonNode decisionRecord(String image) throws Exception {
        Tool decision = cosign.verify(
                "verify-attestation",
                dir.resolve("gate.pub"),
                image,
                "--type",
                "https://gate.dev/attestation/decision/v1");
        assertEquals(0, decision.code(), decision.toString());
        String envelope = decision.output()
                .lines()
                .filter(l -> l.startsWith("{"))
                .findFirst()
                .orElseThrow();
        return new ObjectMapper()
                .readTree(java.util.Base64.getDecoder()
                        .decode(new ObjectMapper()
                                .readTree(envelope)
                                .path("payload")
                                .asText()));
    }

    private static String repository(String image) {
        return image.substring(0, image.lastIndexOf(':'));
    }

    @Test
    void anOpenVexAttestationByAnUntrustedKeySettlesNothing() throws Exception {
        String image = pushVulnerable("vex-smuggle");
        gateKeyPair("attacker");
        Run before = recheck("verify", image, "gate");
        assertEquals(1, before.code(), before.toString());
        assertTrue(before.out().contains(ADVISORY), before.out());

        assertEquals(0, attest("attacker", notAffected(), image).code());
        Tool referrer = cosign.publish(
                "attest",
                dir.resolve("attacker.key"),
                image,
                "--type",
                "openvex",
                "--predicate",
                notAffected().toString());
        assertEquals(0, referrer.code(), referrer.toString());

        Run verified = recheck("verify", image, "gate");
        assertEquals(1, verified.code(), "another key's VEX settled a finding: " + verified);
        assertTrue(verified.out().contains(ADVISORY), verified.out());
        assertEquals(
                0,
                new ObjectMapper()
                        .readTree(verified.out())
                        .path("policy")
                        .path("vex")
                        .size(),
                verified.out());
        Run audited = recheck("audit", repository(image), "gate");
        assertEquals(1, audited.code(), "another key's VEX settled a finding in the audit: " + audited);
        assertTrue(audited.out().contains(ADVISORY), audited.out());

        Run trusting = recheck("verify", image, "gate", "attacker");
        assertEquals(0, trusting.code(), "once its key is trusted, the same VEX settles the finding: " + trusting);
    }

    @Test
    void anOpenVexAttestationByTheTrustedKeySettlesItsFindingInVerifyAndAudit() throws Exception {
        String image = pushVulnerable("vex-attested");
        Run attested = attest("gate", notAffected(), image);
        assertEquals(0, attested.code(), attested.toString());
        assertTrue(attested.out().contains("Attested https://openvex.dev/ns for "), attested.out());
        Tool judged = cosign.verify("verify-attestation", dir.resolve("gate.pub"), image, "--type", "openvex");
        assertEquals(0, judged.code(), "cosign reads gate's OpenVEX attestation: " + judged);

        Run verified = recheck("verify", image, "gate");
        assertEquals(0, verified.code(), verified.toString());
        JsonNode vex =
                new ObjectMapper().readTree(verified.out()).path("policy").path("vex");
        assertEquals(1, vex.size(), verified.out());
        String keyId = EcdsaSigner.keyId(VerifyCommand.readPublic(dir.resolve("gate.pub")));
        assertEquals(keyId, vex.at("/0/attestation/signer/keyId").asText(), vex.toString());
        assertEquals("att-tag", vex.at("/0/attestation/source").asText(), vex.toString());
        assertEquals(
                "https://openvex.dev/ns", vex.at("/0/attestation/predicateType").asText(), vex.toString());
        assertEquals(64, vex.at("/0/sha256").asText().length(), vex.toString());
        assertDocumented(vex);

        Run audited = recheck("audit", repository(image), "gate");
        assertEquals(0, audited.code(), audited.toString());
    }

    @Test
    void anOpenVexAttestationCosignMadeInABundleCountsWhenItsKeyIsTrusted() throws Exception {
        String image = pushVulnerable("vex-cosign");
        Tool attested = cosign.publish(
                "attest",
                dir.resolve("gate.key"),
                image,
                "--type",
                "openvex",
                "--predicate",
                notAffected().toString());
        assertEquals(0, attested.code(), attested.toString());
        Run verified = recheck("verify", image, "gate");
        assertEquals(0, verified.code(), verified.toString());
        assertEquals(
                "referrer",
                new ObjectMapper()
                        .readTree(verified.out())
                        .at("/policy/vex/0/attestation/source")
                        .asText(),
                verified.out());
    }

    /**
     * A two-platform index, both images holding the vulnerable minimist: an OpenVEX attestation on the amd64 image whose
     * product is that image's digest settles the amd64 finding only, so the arm64 one still denies; once the arm64 image
     * carries its own statement (by its digest, in a {@code pkg:oci} purl without subcomponents) the index passes.
     */
    @Test
    void anOpenVexAttestationOnOnePlatformImageSettlesThatPlatformsFindingsOnly() throws Exception {
        gateKeyPair("gate");
        Path layout = dir.resolve("vex-index");
        String index = TestImages.writeIndex(
                layout,
                "1.0.0",
                List.of(
                        TestImages.Spec.compliant().withVulnerableNpmPackage(),
                        TestImages.Spec.compliant().withArchitecture("arm64").withVulnerableNpmPackage()));
        JsonNode manifests = new ObjectMapper()
                .readTree(layout.resolve("blobs/sha256/" + index.substring(7)).toFile())
                .path("manifests");
        String amd64 = manifests.at("/0/digest").asText();
        String arm64 = manifests.at("/1/digest").asText();
        String image = Cosign.freshImage(registry, "vex-index", "1.0.0");
        Run pushed = gate(
                "push",
                "--policy",
                root.resolve("policies/prod.rego").toString(),
                "--data",
                root.resolve("policies/data.example.yaml").toString(),
                "--key",
                dir.resolve("gate.key").toString(),
                "--no-scan",
                "--waivers",
                root.resolve("testdata/waivers/unscanned.yaml").toString(),
                "oci:" + layout + ":1.0.0",
                image);
        assertEquals(0, pushed.code(), pushed.toString());
        String repository = repository(image);

        Path aboutAmd64 =
                Files.writeString(dir.resolve("amd64.openvex.json"), """
                {"@context": "https://openvex.dev/ns/v0.2.0", "statements": [{"vulnerability": {"name": "CVE-2021-44906"},
                  "products": [{"@id": "pkg:oci/vex-index@%s", "subcomponents": [{"@id": "pkg:npm/minimist@1.2.5"}]}],
                  "status": "not_affected", "justification": "vulnerable_code_not_in_execute_path"}]}
                """.formatted(amd64.replace(":", "%3A")));
        assertEquals(0, attest("gate", aboutAmd64, repository + "@" + amd64).code());
        // A second package names the platform of each finding VEX left unsettled, as policies read it.
        Path unsettled = Files.writeString(dir.resolve("unsettled.rego"), """
                package platforms
                deny contains msg if {
                    some v in input.vulnerabilities
                    not v.vex
                    msg := sprintf("unsettled %s in %s %s", [v.id, v.platform.name, v.platform.digest])
                }
                """);
        Run oneSettled = gate(
                "verify",
                "--key",
                dir.resolve("gate.pub").toString(),
                "--policy",
                root.resolve("policies/prod.rego").toString(),
                "--policy",
                unsettled.toString(),
                "--data",
                root.resolve("policies/data.example.yaml").toString(),
                "--db",
                osvDatabase().toString(),
                "--output",
                "json",
                image);
        assertEquals(1, oneSettled.code(), "the amd64 image's VEX settled the arm64 finding: " + oneSettled);
        List<String> denied = new ArrayList<>();
        new ObjectMapper()
                .readTree(oneSettled.out())
                .at("/policy/failures")
                .forEach(f -> denied.add(f.path("message").asText()));
        assertTrue(denied.contains("unsettled " + ADVISORY + " in linux/arm64 " + arm64), denied.toString());
        assertFalse(denied.stream().anyMatch(m -> m.contains(amd64)), "the amd64 finding stayed unsettled: " + denied);
        assertEquals(
                1,
                denied.stream().filter(m -> m.startsWith(ADVISORY)).count(),
                "prod.rego denies arm64's only: " + denied);

        Path aboutArm64 =
                Files.writeString(dir.resolve("arm64.openvex.json"), """
                {"@context": "https://openvex.dev/ns/v0.2.0", "statements": [{"vulnerability": {"name": "CVE-2021-44906"},
                  "products": ["pkg:oci/vex-index@%s"], "status": "not_affected",
                  "justification": "vulnerable_code_not_in_execute_path"}]}
                """.formatted(arm64.replace(":", "%3A")));
        assertEquals(0, attest("gate", aboutArm64, repository + "@" + arm64).code());
        Run bothSettled = recheck("verify", image, "gate");
        assertEquals(0, bothSettled.code(), bothSettled.toString());
        assertEquals(
                2,
                new ObjectMapper()
                        .readTree(bothSettled.out())
                        .path("policy")
                        .path("vex")
                        .size(),
                bothSettled.out());
        Run audited = recheck("audit", repository, "gate");
        assertEquals(0, audited.code(), audited.toString());
    }

    @Test
    void attestRefusesAPredicateThatIsNotOpenVex() throws Exception {
        String image = Cosign.freshImage(registry, "vex-bad", "1.0.0");
        gateKeyPair("gate");
        Path cycloneDx =
                Files.writeString(dir.resolve("bom.json"), "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\"}");
        Path badStatus = Files.writeString(dir.resolve("bad.openvex.json"), """
                {"@context": "https://openvex.dev/ns/v0.2.0", "statements": [{"vulnerability": {"name": "CVE-1"}, "status": "maybe"}]}
                """);
        for (Path bad : List.of(cycloneDx, badStatus)) {
            Run refused = attest("gate", bad, image);
            assertEquals(2, refused.code(), refused.toString());
            assertTrue(refused.err().contains(bad.toString()), refused.err());
            assertEquals(1, refused.err().strip().lines().count(), refused.err());
            assertFalse(refused.err().contains("Exception"), refused.err());
        }
    }

    /** {@code --vex oci://REF}: an OpenVEX document oras pushed, read from the registry and recorded by digest. */
    @Test
    void aVexDocumentInTheRegistryIsReadByReferenceAndRecordedByDigest() throws Exception {
        String image = pushVulnerable("vex-artifact");
        String artifact = vexArtifact();

        Run verified = recheck("verify", image, "gate", "--vex oci://" + artifact);
        assertEquals(0, verified.code(), verified.toString());
        JsonNode vex =
                new ObjectMapper().readTree(verified.out()).path("policy").path("vex");
        assertTrue(
                vex.at("/0/reference").asText().matches(".*/vex-documents/minimist-[0-9a-f]{8}@sha256:[0-9a-f]{64}"),
                vex.toString());
        assertEquals(
                TestImages.sha256(Files.readAllBytes(dir.resolve("doc.json"))),
                vex.at("/0/sha256").asText());
        assertDocumented(vex);
        Run audited = recheck("audit", repository(image), "gate", "--vex oci://" + artifact);
        assertEquals(0, audited.code(), audited.toString());

        Run missing = recheck("verify", image, "gate", "--vex oci://" + registry + "/vex-documents/none:1");
        assertEquals(2, missing.code(), missing.toString());
        assertTrue(
                missing.err().contains("--vex oci://")
                        && missing.err().strip().lines().count() == 1,
                missing.err());
    }

    /** {@link #notAffected()} pushed by oras as an artifact of the registry, as doc.json; returns its reference by tag. */
    private String vexArtifact() throws Exception {
        String artifact = registry + "/vex-documents/minimist-"
                + java.util.UUID.randomUUID().toString().substring(0, 8) + ":1";
        Files.copy(notAffected(), dir.resolve("doc.json"));
        Tool pushed = Tool.run(
                "oras",
                dir,
                java.util.Map.of(),
                "push",
                "--plain-http",
                artifact,
                "doc.json:application/vnd.openvex+json");
        assertEquals(0, pushed.code(), pushed.toString());
        return artifact;
    }

    /** A push with {@code --vex oci://REF}: the finding it settles no longer denies it, and the decision names it by digest. */
    @Test
    void aPushWithAVexDocumentFromTheRegistryRecordsItInTheDecision() throws Exception {
        gateKeyPair("gate");
        Path layout = dir.resolve("vex-push");
        TestImages.write(layout, "1.0.0", TestImages.Spec.compliant().withVulnerableNpmPackage());
        String image = Cosign.freshImage(registry, "vex-push", "1.0.0");
        List<String> push = new ArrayList<>(List.of(
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
                "oci:" + layout + ":1.0.0",
                image));
        Run denied = gate(push.toArray(String[]::new));
        assertEquals(1, denied.code(), denied.toString());
        assertTrue(denied.out().contains(ADVISORY), denied.out());

        String artifact = vexArtifact();
        push.addAll(1, List.of("--vex", "oci://" + artifact));
        Run pushed = gate(push.toArray(String[]::new));
        assertEquals(0, pushed.code(), pushed.toString());
        JsonNode statement = decisionRecord(image);
        JsonNode listed = statement.at("/predicate/vex/documents/0");
        String repository = artifact.substring(0, artifact.lastIndexOf(':'));
        assertTrue(listed.path("reference").asText().startsWith(repository + "@sha256:"), statement.toString());
        assertEquals(
                TestImages.sha256(Files.readAllBytes(dir.resolve("doc.json"))),
                listed.path("sha256").asText());
    }

    /**
     * {@code gate push --vex-key}: the OpenVEX attestations the source image carries (a security team's, on the image in
     * staging) settle findings of the push when their key is named, and are recorded with where they came from; another
     * key's never do.
     */
    @Test
    void aPushAppliesTheSourcesOpenVexAttestationsOnlyFromTheVexKey() throws Exception {
        gateKeyPair("gate");
        gateKeyPair("security");
        gateKeyPair("attacker");
        Path layout = dir.resolve("vex-staging");
        TestImages.write(layout, "1.0.0", TestImages.Spec.compliant().withVulnerableNpmPackage());
        String staging = Cosign.freshImage(registry, "vex-staging", "1.0.0");
        assertEquals(0, gate("copy", "oci:" + layout + ":1.0.0", staging).code());
        assertEquals(0, attest("attacker", notAffected(), staging).code());
        String production = Cosign.freshImage(registry, "vex-production", "1.0.0");
        List<String> push = new ArrayList<>(List.of(
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
                "--vex-key",
                dir.resolve("security.pub").toString(),
                staging,
                production));
        Run smuggled = gate(push.toArray(String[]::new));
        assertEquals(1, smuggled.code(), "the attacker's VEX settled a finding of the push: " + smuggled);
        assertTrue(smuggled.out().contains(ADVISORY), smuggled.out());

        assertEquals(0, attest("security", notAffected(), staging).code());
        Run pushed = gate(push.toArray(String[]::new));
        assertEquals(0, pushed.code(), pushed.toString());
        JsonNode listed = decisionRecord(production).at("/predicate/vex/documents");
        assertEquals(1, listed.size(), "the security team's document only: " + listed);
        String securityKey = EcdsaSigner.keyId(VerifyCommand.readPublic(dir.resolve("security.pub")));
        assertEquals(securityKey, listed.at("/0/attestation/signer/keyId").asText(), listed.toString());
        assertEquals("att-tag", listed.at("/0/attestation/source").asText(), listed.toString());
        assertDocumented(listed);
    }
}
