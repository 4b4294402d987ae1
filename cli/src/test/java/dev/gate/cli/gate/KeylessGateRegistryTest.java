package dev.gate.cli.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.gate.cli.Environment;
import dev.gate.cli.InProcessGate;
import dev.gate.cli.InProcessGate.Run;
import dev.gate.image.Descriptor;
import dev.gate.image.Digest;
import dev.gate.image.Reference;
import dev.gate.image.registry.RegistryClient;
import dev.gate.image.registry.RegistryOptions;
import dev.gate.image.testing.LoopbackServices;
import dev.gate.pipeline.decision.DecisionRecord;
import dev.gate.signing.InTotoStatement;
import dev.gate.signing.SigstoreBundles;
import dev.gate.signing.oci.Referrers;
import dev.gate.signing.oci.RegistrySignatureStore;
import dev.gate.signing.testing.TestSigstore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gate push --keyless} end to end on a real Distribution registry, with a throwaway sigstore instance standing in
 * for Fulcio and Rekor: the signature and the SBOM, vulnerability and decision attestations are published as sigstore
 * bundles, and {@code gate verify --policy} and {@code gate audit} trust them through {@code --trusted-root} and the
 * signer's identity. A bundle of another identity, or one about another image, never reaches a policy.
 */
class KeylessGateRegistryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IDENTITY = "https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main";
    private static final String ISSUER = "https://token.actions.githubusercontent.com";
    private static final String APPROVAL = "https://example.com/attestation/release-approval/v1";

    private Environment environment = Environment.system();

    @TempDir
    static Path shared;

    static Path db;
    static final TestSigstore SIGSTORE = new TestSigstore();
    static Path root;

    @TempDir
    Path dir;

    String registry;
    String repository;

    @BeforeAll
    static void material() {
        db = GateFixtures.osvDatabase(shared);
        root = SIGSTORE.writeTrustedRoot(shared.resolve("trusted_root.json"));
    }

    @BeforeEach
    void setUp() {
        registry = LoopbackServices.require("GATE_REGISTRY_PLAIN");
        repository = "gate-test/keyless-" + UUID.randomUUID().toString().substring(0, 8);
        environment = environment.withKeylessService(token -> SIGSTORE.signer(IDENTITY, ISSUER));
    }

    @Test
    void keylessPushPublishesBundlesThatVerifyPoliciesAndAuditsTrust() throws Exception {
        String image = pushKeyless("1.0.0");

        Run verified = gate(trusting("verify", "--output", "json", image));
        assertEquals(0, verified.code(), verified.toString());
        List<String> kinds = new ArrayList<>();
        JSON.readTree(verified.out()).path("verified").forEach(v -> {
            kinds.add(v.path("kind").asText() + " " + v.path("predicateType").asText(""));
            assertEquals(IDENTITY, v.path("signer").path("identity").asText(), verified.out());
        });
        assertEquals(
                List.of(
                        "keyless bundle signature ",
                        "keyless bundle attestation " + InTotoStatement.SBOM_CYCLONEDX,
                        "keyless bundle attestation " + InTotoStatement.VULN,
                        "keyless bundle attestation " + DecisionRecord.PREDICATE_TYPE),
                kinds,
                verified.out());

        // Pushed again: the same image, signature kept, attestations whose statement is unchanged not published twice.
        Run again = gate(pushArgs("1.0.0"));
        assertEquals(0, again.code(), again.toString());
        assertTrue(again.out().contains("already in a bundle referrer"), again.out());

        Run audit = gate(trusting("audit", "--output", "json", registry + "/" + repository));
        assertEquals(0, audit.code(), audit.toString());
        JsonNode tag = JSON.readTree(audit.out()).path("tags").path(0);
        assertEquals(
                "identity " + IDENTITY + " (" + ISSUER + ")",
                tag.path("verifiedBy").path(0).asText(),
                audit.out());

        Run auditOtherIdentity = gate(
                "audit",
                "--trusted-root",
                root.toString(),
                "--certificate-identity",
                "https://github.com/acme/other/.github/workflows/release.yml@refs/heads/main",
                "--certificate-oidc-issuer",
                ISSUER,
                "--output",
                "json",
                registry + "/" + repository);
        assertEquals(1, auditOtherIdentity.code(), auditOtherIdentity.toString());
        assertEquals(
                0,
                JSON.readTree(auditOtherIdentity.out())
                        .path("tags")
                        .path(0)
                        .path("verifiedBy")
                        .size(),
                auditOtherIdentity.out());
    }

    /**
     * The SBOM statement is reproducible, so another identity that pushed the same image first holds a bundle of the very
     * statement this push makes: it is not this identity's claim, and this push still publishes its own.
     */
    @Test
    void anotherIdentitysBundleOfTheSameStatementDoesNotStandForThisOne() throws Exception {
        environment = environment.withKeylessService(token ->
                SIGSTORE.signer("https://github.com/evil/fork/.github/workflows/x.yml@refs/heads/main", ISSUER));
        String image = pushKeyless("1.0.0");
        environment = environment.withKeylessService(token -> SIGSTORE.signer(IDENTITY, ISSUER));
        Run ours = gate(pushArgs("1.0.0"));
        assertEquals(0, ours.code(), ours.toString());
        assertFalse(ours.out().contains("already in a bundle referrer"), ours.out());
        Run verified =
                gate(trusting("verify", "--require-attestation", "cyclonedx", "--require-attestation", "vuln", image));
        assertEquals(0, verified.code(), verified.toString());
    }

    /** The approval policy asks for an attestation by the release identity: another identity's claim never counts. */
    @Test
    void anotherIdentitysAttestationNeverReachesThePolicy() throws Exception {
        String image = pushKeyless("1.0.0");
        Path policy = approvalPolicy();
        attach(
                image,
                SIGSTORE.signer("https://github.com/evil/fork/.github/workflows/x.yml@refs/heads/main", ISSUER)
                        .attest(approval(digestOf(image))));
        Run denied = gate(trusting("verify", "--policy", policy.toString(), image));
        assertEquals(1, denied.code(), denied.toString());
        assertTrue(denied.out().contains("no release approval by the release workflow"), denied.out());
        assertTrue(
                denied.out().contains("signed also by an untrusted key: identity https://github.com/evil/fork/"),
                denied.out());

        Path approved = Files.writeString(dir.resolve("approval.json"), "{\"approved\": true}");
        Run attested = gate(
                "attest",
                "--keyless",
                "--identity-token",
                "offline-test-token",
                "--predicate",
                approved.toString(),
                "--type",
                APPROVAL,
                image);
        assertEquals(0, attested.code(), attested.toString());
        assertTrue(attested.out().startsWith("Attested keyless " + APPROVAL), attested.out());
        Run allowed = gate(trusting("verify", "--policy", policy.toString(), image));
        assertEquals(0, allowed.code(), allowed.toString());
        assertTrue(allowed.out().contains("policy re-evaluation: PASSED"), allowed.out());

        Run audited =
                gate(trusting("audit", "--policy", policy.toString(), "--output", "json", registry + "/" + repository));
        assertEquals(0, audited.code(), audited.toString());
    }

    /** The release identity's approval of another image, stored beside this one, is a replay: it fails, never counts. */
    @Test
    void aReplayedAttestationOfAnotherDigestFailsAndNeverCounts() throws Exception {
        String image = pushKeyless("1.0.0");
        Digest other = Digest.sha256("another image".getBytes(StandardCharsets.UTF_8));
        attach(image, SIGSTORE.signer(IDENTITY, ISSUER).attest(approval(other)));
        Run replayed = gate(trusting("verify", "--policy", approvalPolicy().toString(), image));
        assertEquals(1, replayed.code(), replayed.toString());
        assertTrue(replayed.out().contains("not verified: referrer sha256:"), replayed.out());
        assertFalse(replayed.out().contains("policy re-evaluation: PASSED"), replayed.out());

        Run audit = gate(trusting(
                "audit", "--policy", approvalPolicy().toString(), "--output", "json", registry + "/" + repository));
        assertEquals(1, audit.code(), audit.toString());
    }

    /** A multi-platform index: the index and each image signed and attested keyless; the policy reads every image. */
    @Test
    void keylessIndexPushVerifiesPerImage() throws Exception {
        Path layout = dir.resolve("index");
        TestImages.writeIndex(
                layout,
                "2.0.0",
                List.of(TestImages.Spec.compliant(), TestImages.Spec.compliant().withArchitecture("arm64")));
        Path policies = GateFixtures.root().resolve("policies");
        Run pushed = gate(
                "push",
                "--policy",
                policies.resolve("prod.rego").toString(),
                "--data",
                policies.resolve("data.example.yaml").toString(),
                "--keyless",
                "--identity-token",
                "offline-test-token",
                "--db",
                db.toString(),
                "oci:" + layout + ":2.0.0",
                registry + "/" + repository + ":2.0.0");
        assertEquals(0, pushed.code(), pushed.toString());
        Run verified = gate(trusting(
                "verify",
                "--policy",
                approvalPolicy().toString(),
                "--output",
                "json",
                registry + "/" + repository + ":2.0.0"));
        JsonNode report = JSON.readTree(verified.out());
        // Index and two images signed; the policy then asks for an approval no one gave: only that fails.
        assertEquals(0, report.path("failures").size(), verified.out());
        assertEquals(1, report.at("/policy/failures").size(), verified.out());
        assertEquals(
                "no release approval by the release workflow",
                report.at("/policy/failures/0/message").asText(),
                verified.out());
        assertEquals(
                0, report.at("/policy/problems").size(), "every image's SBOM and scan verified: " + verified.out());
    }

    @Test
    void signKeylessPublishesABundleTheIdentityVerifies() throws Exception {
        String image = pushKeyless("1.0.0");
        Run signed = gate("sign", "--keyless", "--identity-token", "offline-test-token", image);
        assertEquals(0, signed.code(), signed.toString());
        assertTrue(signed.out().startsWith("Signed keyless "), signed.out());
        Run tokenAlone = gate("sign", "--identity-token", "offline-test-token", image);
        assertEquals(2, tokenAlone.code(), tokenAlone.toString());
        assertTrue(tokenAlone.err().contains("--identity-token is the OIDC token for --keyless"), tokenAlone.err());
        Run both = gate("sign", "--keyless", "--key", "k.key", "--identity-token", "t", image);
        assertEquals(2, both.code(), both.toString());
    }

    @Test
    void identityFlagsWithoutATrustedRootAreRefused() {
        Run run = gate(
                "verify",
                "--key",
                "missing.pub",
                "--certificate-identity",
                IDENTITY,
                registry + "/" + repository + ":1");
        assertEquals(2, run.code(), run.toString());
        assertTrue(run.err().contains("--certificate-identity needs --trusted-root"), run.err());
    }

    private String[] trusting(String command, String... rest) {
        List<String> args = new ArrayList<>(List.of(
                command,
                "--trusted-root",
                root.toString(),
                "--certificate-identity",
                IDENTITY,
                "--certificate-oidc-issuer",
                ISSUER));
        args.addAll(List.of(rest));
        return args.toArray(String[]::new);
    }

    private String pushKeyless(String tag) {
        Run run = gate(pushArgs(tag));
        assertEquals(0, run.code(), run.toString());
        assertTrue(run.out().contains("bundle referrer"), run.out());
        return registry + "/" + repository + ":" + tag;
    }

    private String[] pushArgs(String tag) {
        Path policies = GateFixtures.root().resolve("policies");
        return new String[] {
            "push",
            "--policy",
            policies.resolve("prod.rego").toString(),
            "--data",
            policies.resolve("data.example.yaml").toString(),
            "--keyless",
            "--identity-token",
            "offline-test-token",
            "--db",
            db.toString(),
            "oci:" + GateFixtures.root().resolve("testdata/sample") + ":1.0.0",
            registry + "/" + repository + ":" + tag
        };
    }

    private Path approvalPolicy() throws Exception {
        Path policy = dir.resolve("approval.rego");
        Files.writeString(policy, """
                package release.approval

                import rego.v1

                approved if {
                	some a in input.attestations
                	a.predicateType == "%s"
                	a.signer.identity == "%s"
                	a.signer.issuer == "%s"
                	a.predicate.approved == true
                }

                deny contains "no release approval by the release workflow" if not approved

                deny contains msg if {
                	some a in input.attestations
                	a.signer.identity != "%s"
                	msg := sprintf("attestation by %%s reached the policy", [a.signer.identity])
                }
                """.formatted(APPROVAL, IDENTITY, ISSUER, IDENTITY));
        return policy;
    }

    private static byte[] approval(Digest subject) {
        return new InTotoStatement(
                        "approved",
                        subject,
                        APPROVAL,
                        JsonNodeFactory.instance.objectNode().put("approved", true))
                .bytes();
    }

    private Digest digestOf(String image) throws Exception {
        return descriptor(image).digest();
    }

    private Descriptor descriptor(String image) throws Exception {
        Reference reference = Reference.parse(image);
        return RegistryClient.open(reference, RegistryOptions.defaults())
                .getManifest(reference.identifier())
                .orElseThrow()
                .descriptor();
    }

    private void attach(String image, String bundle) throws Exception {
        Reference reference = Reference.parse(image);
        RegistryClient client = RegistryClient.open(reference, RegistryOptions.defaults());
        Referrers.publish(
                new RegistrySignatureStore(client),
                SigstoreBundles.MEDIA_TYPE,
                bundle.getBytes(StandardCharsets.UTF_8),
                descriptor(image));
    }

    private Run gate(String... args) {
        return InProcessGate.gate(environment, args);
    }
}
