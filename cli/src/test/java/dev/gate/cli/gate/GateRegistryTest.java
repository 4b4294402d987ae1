package dev.gate.cli.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.cli.Environment;
import dev.gate.cli.InProcessGate;
import dev.gate.cli.InProcessGate.Run;
import dev.gate.image.Digest;
import dev.gate.image.Reference;
import dev.gate.image.registry.RegistryClient;
import dev.gate.image.registry.RegistryOptions;
import dev.gate.image.testing.LoopbackServices;
import dev.gate.pipeline.attestation.AttestedPredicates;
import dev.gate.pipeline.decision.DecisionRecord;
import dev.gate.signing.oci.RegistrySignatureStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole gate against a real Distribution registry with the shipped policies: compliant images
 * go through signed and attested, each kind of non-compliant image is refused with nothing sent,
 * and gate verify --policy re-evaluates what is stored.
 */
class GateRegistryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Environment environment = Environment.system();

    @TempDir
    static Path shared;

    static Path db;
    static Path key;

    @TempDir
    Path dir;

    String registry;
    String repository;
    Map<String, String> env;

    @BeforeAll
    static void database() {
        db = GateFixtures.osvDatabase(shared);
        key = GateFixtures.keyPair(shared);
    }

    @BeforeEach
    void setUp() {
        registry = LoopbackServices.require("GATE_REGISTRY_PLAIN");
        repository = "gate-test/app-" + UUID.randomUUID().toString().substring(0, 8);
        env = new java.util.HashMap<>(Map.of("COSIGN_PASSWORD", "pw"));
        environment = environment.withVariables(env::get);
    }

    private static String policy(String name) {
        return GateFixtures.root().resolve("policies/" + name).toString();
    }

    private static String sample() {
        return "oci:" + GateFixtures.root().resolve("testdata/sample") + ":1.0.0";
    }

    private Run push(String source, String destination, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "push",
                "--policy",
                policy("prod.rego"),
                "--data",
                policy("data.example.yaml"),
                "--key",
                key.toString(),
                "--db",
                db.toString()));
        args.addAll(List.of(extra));
        args.add(source);
        args.add(destination);
        return gate(args.toArray(String[]::new));
    }

    private String image(String tag) {
        return registry + "/" + repository + ":" + tag;
    }

    private String pub() {
        return key.resolveSibling("gate.pub").toString();
    }

    private void assertNothingPushed(String digest) throws Exception {
        assertEquals(List.of(), RegistryChecks.tags(registry, repository), "no tag, no signature tag");
        assertEquals(404, RegistryChecks.manifestStatus(registry, repository, digest), "no manifest by digest");
    }

    @Test
    void compliantImageIsPushedSignedAttestedAndVerifiable() throws Exception {
        Path summary = dir.resolve("summary.md");
        env.put("GITHUB_STEP_SUMMARY", summary.toString());
        Run run = push(sample(), image("1.0.0"), "--param", "high_fix_max_days=14");
        assertEquals(0, run.code(), run.toString());
        assertTrue(run.out().contains("policy    ALLOWED"), run.out());
        assertTrue(run.out().contains("  tag          1.0.0"), run.out());
        String digest =
                RegistryChecks.skopeoInspect(image("1.0.0")).get("Digest").asText();
        assertEquals("sha256:799fb5134de02aaa15cf6285f044fb8d90b86815d0cec9bd4217f21ae486a440", digest);
        assertTrue(Files.readString(summary).contains("— ALLOWED"), Files.readString(summary));

        Run verified = gate("verify", "--key", pub(), image("1.0.0"));
        assertEquals(0, verified.code(), verified.toString());
        for (String type : List.of(
                "https://cyclonedx.org/bom",
                "https://cosign.sigstore.dev/attestation/vuln/v1",
                DecisionRecord.PREDICATE_TYPE)) {
            assertTrue(verified.out().contains("verified attestation " + type), verified.out());
        }
        assertFalse(verified.out().contains("not verified"), verified.out());

        JsonNode decision = attested(digest, DecisionRecord.PREDICATE_TYPE);
        assertTrue(decision.get("allowed").asBoolean());
        assertEquals(policy("prod.rego"), decision.at("/policies/0/path").asText());
        assertEquals(
                TestImages.sha256(Files.readAllBytes(Path.of(policy("prod.rego")))),
                decision.at("/policies/0/sha256").asText());
        assertEquals(
                TestImages.sha256(Files.readAllBytes(Path.of(policy("data.example.yaml")))),
                decision.at("/data/0/sha256").asText());
        assertTrue(decision.at("/input/digest").asText().matches("sha256:[0-9a-f]{64}"));
        assertEquals("14", decision.at("/input/params/high_fix_max_days").asText());
        assertTrue(decision.get("rules").size() >= 8, decision.toString());
        decision.get("rules").forEach(r -> assertTrue(r.get("passed").asBoolean(), r.toString()));

        Run recheck = gate(
                "verify",
                "--key",
                pub(),
                "--policy",
                policy("prod.rego"),
                "--data",
                policy("data.example.yaml"),
                "--db",
                db.toString(),
                image("1.0.0"));
        assertEquals(0, recheck.code(), recheck.toString());
        assertTrue(recheck.out().contains("policy re-evaluation: PASSED"), recheck.out());
        Run json = gate(
                "verify",
                "--key",
                pub(),
                "--policy",
                policy("prod.rego"),
                "--data",
                policy("data.example.yaml"),
                "--output",
                "json",
                image("1.0.0"));
        assertEquals(0, json.code(), json.toString());
        JsonNode report = JSON.readTree(json.out());
        assertTrue(report.at("/policy/passed").asBoolean(), json.out());
        assertTrue(report.at("/policy/inputDigest").asText().startsWith("sha256:"), json.out());
        assertEquals(0, report.at("/policy/failures").size());
    }

    private JsonNode attested(String digest, String type) {
        RegistryClient client = RegistryClient.open(Reference.parse(image("1.0.0")), RegistryOptions.defaults());
        java.security.PublicKey publicKey = dev.gate.cli.sign.VerifyCommand.readPublic(Path.of(pub()));
        JsonNode predicate = AttestedPredicates.read(
                        new RegistrySignatureStore(client), Digest.parse(digest), publicKey)
                .predicate(type);
        assertTrue(predicate != null, "no verified " + type);
        return predicate;
    }

    @Test
    void latestTagIsRefusedAndNothingIsSent() throws Exception {
        Path sarif = dir.resolve("gate.sarif");
        Path summary = dir.resolve("summary.md");
        env.put("GITHUB_STEP_SUMMARY", summary.toString());
        Run run = push(sample(), image("latest"), "--sarif", sarif.toString());
        String markdown = Files.readString(summary);
        assertTrue(markdown.contains("— DENIED"), markdown);
        assertTrue(
                markdown.contains(
                        "| `gate.prod.deny_latest` | tag \"latest\" is not allowed: use a semantic version |"),
                markdown);
        assertEquals(1, run.code(), run.toString());
        assertTrue(run.out().contains("FAIL  gate.prod.deny_latest: tag \"latest\" is not allowed"), run.out());
        assertTrue(run.out().contains("prod.rego:"), "each failure names its location: " + run.out());
        assertTrue(run.out().contains("nothing was pushed"), run.out());
        assertNothingPushed("sha256:799fb5134de02aaa15cf6285f044fb8d90b86815d0cec9bd4217f21ae486a440");
        JsonNode log = JSON.readTree(sarif.toFile());
        JsonNode policyRun = log.at("/runs/" + (log.get("runs").size() - 1));
        assertEquals("gate-policy", policyRun.at("/tool/driver/name").asText());
        assertEquals("gate.prod.deny_latest", policyRun.at("/results/0/ruleId").asText());
        assertEquals("error", policyRun.at("/results/0/level").asText());
        assertTrue(policyRun
                .at("/results/0/locations/0/physicalLocation/artifactLocation/uri")
                .asText()
                .endsWith("prod.rego"));
        assertTrue(policyRun
                        .at("/results/0/locations/0/physicalLocation/region/startLine")
                        .asInt()
                > 0);
        JsonNode descriptor = policyRun.at("/tool/driver/rules/0");
        assertEquals(
                "No latest tag",
                descriptor.at("/shortDescription/text").asText(),
                "the rule's METADATA title describes it");
        assertEquals(
                "5.5",
                descriptor.at("/properties/security-severity").asText(),
                "custom.severity MEDIUM ranks as medium");
        assertTrue(run.out().contains("use a semantic version  (MEDIUM: No latest tag)"), run.out());
    }

    @Test
    void nonSemverTagIsRefused() throws Exception {
        Run run = push(sample(), image("build-42"));
        assertEquals(1, run.code(), run.toString());
        assertTrue(run.out().contains("gate.prod.deny_semver: tag \"build-42\" is not a semantic version"), run.out());
        assertNothingPushed("sha256:799fb5134de02aaa15cf6285f044fb8d90b86815d0cec9bd4217f21ae486a440");
    }

    @Test
    void repositoryWithoutANamespaceIsRefused() throws Exception {
        repository = "gate-" + UUID.randomUUID().toString().substring(0, 8);
        Run run = push(sample(), image("1.0.0"));
        assertEquals(1, run.code(), run.toString());
        assertTrue(run.out().contains("gate.prod.deny_naming"), run.out());
        assertNothingPushed("sha256:799fb5134de02aaa15cf6285f044fb8d90b86815d0cec9bd4217f21ae486a440");
    }

    @Test
    void rootUserIsRefused() throws Exception {
        Path layout = dir.resolve("root");
        String digest =
                TestImages.write(layout, "1.0.0", TestImages.Spec.compliant().withUser(""));
        Run run = push("oci:" + layout + ":1.0.0", image("1.0.0"), "--output", "json");
        assertEquals(1, run.code(), run.toString());
        JsonNode report = JSON.readTree(run.out());
        assertFalse(report.get("allowed").asBoolean());
        assertEquals("deny_root", report.at("/decision/failures/0/rule").asText());
        assertEquals(0, report.get("published").size());
        assertNothingPushed(digest);
    }

    @Test
    void fixableCriticalVulnerabilityIsRefused() throws Exception {
        Path layout = dir.resolve("vulnerable");
        String digest =
                TestImages.write(layout, "1.0.0", TestImages.Spec.compliant().withVulnerableNpmPackage());
        Run run = push("oci:" + layout + ":1.0.0", image("1.0.0"));
        assertEquals(1, run.code(), run.toString());
        assertTrue(
                run.out()
                        .contains(
                                "gate.prod.deny_critical: GHSA-xvch-5gv4-984h (CRITICAL) in minimist 1.2.5 is fixed in 1.2.6"),
                run.out());
        assertTrue(run.out().contains("findings  1 critical"), run.out());
        assertNothingPushed(digest);
    }

    @Test
    void warningsPassUnlessFailOnWarn() throws Exception {
        Path layout = dir.resolve("root");
        TestImages.write(layout, "1.0.0", TestImages.Spec.compliant().withUser("root"));
        List<String> base = List.of(
                "push",
                "--policy",
                policy("baseline.rego"),
                "--data",
                policy("data.example.yaml"),
                "--key",
                key.toString(),
                "--no-scan",
                "--waivers",
                GateFixtures.unscannedWaiver(),
                "oci:" + layout + ":1.0.0",
                image("1.0.0"));
        List<String> strict = new ArrayList<>(base);
        strict.add(1, "--fail-on-warn");
        Run refused = gate(strict.toArray(String[]::new));
        assertEquals(1, refused.code(), refused.toString());
        assertTrue(refused.out().contains("WARN  gate.baseline.warn_root"), refused.out());
        assertEquals(List.of(), RegistryChecks.tags(registry, repository));
        Run allowed = gate(base.toArray(String[]::new));
        assertEquals(0, allowed.code(), allowed.toString());
        assertTrue(allowed.out().contains("policy    ALLOWED (1 warning)"), allowed.out());
        assertTrue(RegistryChecks.tags(registry, repository).contains("1.0.0"));
    }

    @Test
    void verifyWithTodaysStricterPolicyFails() throws Exception {
        assertEquals(0, push(sample(), image("1.0.0")).code());
        Path stricter = dir.resolve("stricter.rego");
        Files.writeString(stricter, """
                package gate.stricter

                import rego.v1

                deny contains msg if {
                	some c in input.sbom.components
                	c.name == "libssl3"
                	msg := sprintf("%s is banned since yesterday", [c.name])
                }
                """);
        Run recheck = gate("verify", "--key", pub(), "--policy", stricter.toString(), image("1.0.0"));
        assertEquals(1, recheck.code(), recheck.toString());
        assertTrue(recheck.out().contains("verified signature"), recheck.out());
        assertTrue(
                recheck.out().contains("FAIL  gate.stricter.deny: libssl3 is banned since yesterday"), recheck.out());
    }

    @Test
    void verifyPolicyRefusesATamperedVulnerabilityAttestation() throws Exception {
        assertEquals(0, push(sample(), image("1.0.0")).code());
        RegistryChecks.tamperWithAttestation(
                registry,
                repository,
                "sha256:799fb5134de02aaa15cf6285f044fb8d90b86815d0cec9bd4217f21ae486a440",
                "\"critical\":0",
                "\"critical\":9");
        Run recheck = gate(
                "verify",
                "--key",
                pub(),
                "--policy",
                policy("prod.rego"),
                "--data",
                policy("data.example.yaml"),
                image("1.0.0"));
        assertEquals(1, recheck.code(), recheck.toString());
        assertTrue(recheck.out().contains("policy re-evaluation: FAILED"), recheck.out());
        // The altered attestation is listed and never used: the policies see no vulnerability attestation at all.
        assertTrue(
                recheck.out().contains("signed also by an untrusted key: key not named in the claim (sha256-"),
                recheck.out());
        assertTrue(recheck.out().contains("no verified vulnerability attestation"), recheck.out());
    }

    @Test
    void auditReEvaluatesEveryTag() throws Exception {
        assertEquals(0, push(sample(), image("1.0.0")).code());
        Path layout = dir.resolve("vulnerable");
        TestImages.write(layout, "1.1.0", TestImages.Spec.compliant().withVulnerableNpmPackage());
        Run warned = gate(
                "push",
                "--policy",
                policy("baseline.rego"),
                "--data",
                policy("data.example.yaml"),
                "--key",
                key.toString(),
                "--db",
                db.toString(),
                "oci:" + layout + ":1.1.0",
                image("1.1.0"));
        assertEquals(0, warned.code(), warned.toString());
        Run audit = gate(
                "audit",
                "--key",
                pub(),
                "--policy",
                policy("prod.rego"),
                "--data",
                policy("data.example.yaml"),
                "--output",
                "json",
                registry + "/" + repository);
        assertEquals(1, audit.code(), audit.toString());
        JsonNode report = JSON.readTree(audit.out());
        assertEquals(1, report.at("/severityTotals/critical").asInt());
        JsonNode passing = report.at("/tags/0");
        assertTrue(passing.get("policyPassed").asBoolean(), passing.toString());
        JsonNode failing = report.at("/tags/1");
        assertFalse(failing.get("policyPassed").asBoolean());
        assertTrue(failing.get("signed").asBoolean());
        assertEquals(
                "[\"gate.prod.deny_critical: GHSA-xvch-5gv4-984h (CRITICAL) in minimist 1.2.5 is fixed in 1.2.6"
                        + "  (CRITICAL: No fixable critical vulnerabilities)\"]",
                failing.get("failingRules").toString(),
                "a failing rule says what its METADATA says about it");
        assertEquals(1, failing.at("/severities/critical").asInt());
    }

    @Test
    void verifyPolicyNeverPullsALayer() throws Exception {
        assertEquals(0, push(sample(), image("1.0.0")).code());
        JsonNode manifest = JSON.readTree(RegistryChecks.manifest(registry, repository, "1.0.0"));
        String layer = manifest.at("/layers/0/digest").asText();
        try (FaultyProxy proxy = new FaultyProxy(registry)) {
            proxy.failWhen((method, path) -> path.endsWith("/blobs/" + layer));
            Run recheck = gate(
                    "verify",
                    "--key",
                    pub(),
                    "--policy",
                    policy("prod.rego"),
                    "--data",
                    policy("data.example.yaml"),
                    proxy.hostPort() + "/" + repository + ":1.0.0");
            assertEquals(0, proxy.failures.get(), "the layer was requested");
            assertEquals(0, recheck.code(), recheck.toString());
            assertTrue(recheck.out().contains("policy re-evaluation: PASSED"), recheck.out());
            Run sbom = gate("sbom", "docker://" + proxy.hostPort() + "/" + repository + ":1.0.0");
            assertTrue(proxy.failures.get() > 0, "control: cataloging the image does request the layer: " + sbom);
        }
    }

    @Test
    void gateVerifyAndAuditOverTlsWithPasswordAuth() throws Exception {
        String tls = LoopbackServices.require("GATE_REGISTRY_TLS");
        String ca = LoopbackServices.require("GATE_REGISTRY_CA");
        String user = LoopbackServices.require("GATE_REGISTRY_USER");
        String password = LoopbackServices.require("GATE_REGISTRY_PASSWORD");
        Path authfile = dir.resolve("auth.json");
        String auth = java.util.Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Files.writeString(authfile, "{\"auths\": {\"" + tls + "\": {\"auth\": \"" + auth + "\"}}}");
        Path data = dir.resolve("data.yaml");
        Files.writeString(data, "gate:\n  allowed_registries: [\"" + tls + "\"]\n");
        String image = tls + "/" + repository + ":1.0.0";
        Run pushed = gate(
                "push",
                "--policy",
                policy("prod.rego"),
                "--data",
                data.toString(),
                "--key",
                key.toString(),
                "--db",
                db.toString(),
                "--registry-ca",
                ca,
                "--authfile",
                authfile.toString(),
                sample(),
                image);
        assertEquals(0, pushed.code(), pushed.toString());
        assertFalse(pushed.toString().contains(password), "the password never appears");
        Run verified = gate(
                "verify",
                "--key",
                pub(),
                "--policy",
                policy("prod.rego"),
                "--data",
                data.toString(),
                "--registry-ca",
                ca,
                "--authfile",
                authfile.toString(),
                image);
        assertEquals(0, verified.code(), verified.toString());
        assertTrue(verified.out().contains("policy re-evaluation: PASSED"), verified.out());
        Run audit = gate(
                "audit",
                "--key",
                pub(),
                "--registry-ca",
                ca,
                "--authfile",
                authfile.toString(),
                tls + "/" + repository);
        assertEquals(0, audit.code(), audit.toString());
        assertTrue(audit.out().contains("1 of 1 tags signed and verified"), audit.out());
        Run refused = gate("audit", "--key", pub(), "--registry-ca", ca, tls + "/" + repository);
        assertEquals(3, refused.code(), "no credentials: " + refused);
    }

    private Run gate(String... args) {
        return InProcessGate.gate(environment, args);
    }
}
