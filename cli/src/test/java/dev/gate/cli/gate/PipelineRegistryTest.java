package dev.gate.cli.gate;

import static dev.gate.cli.InProcessGate.onlyKeyPassword;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.cli.Environment;
import dev.gate.cli.InProcessGate;
import dev.gate.cli.InProcessGate.Run;
import dev.gate.image.testing.LoopbackServices;
import dev.gate.signing.Verification;
import dev.gate.signing.oci.LayoutSignatureStore;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate's publishing against a real Distribution registry (GATE_REGISTRY_PLAIN), without the
 * policy step: order, faults in the middle, reruns, and what gate verify makes of moved tags and
 * tampered attestations.
 */
class PipelineRegistryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SAMPLE_DIGEST =
            "sha256:799fb5134de02aaa15cf6285f044fb8d90b86815d0cec9bd4217f21ae486a440";
    private static final String SAMPLE_HEX = SAMPLE_DIGEST.substring(7);

    private Environment environment = Environment.system();

    @TempDir
    Path dir;

    String registry;
    String repository;

    @BeforeEach
    void setUp() {
        registry = LoopbackServices.require("GATE_REGISTRY_PLAIN");
        repository = "gate-test/pipeline-" + UUID.randomUUID().toString().substring(0, 8);
        environment = environment.withVariables(onlyKeyPassword("pw"));
    }

    private String sample() {
        return "oci:" + GateFixtures.root().resolve("testdata/sample") + ":1.0.0";
    }

    @Test
    void failureBeforeTheTagLeavesNoTagAndARerunFinishesWithoutReuploading() throws Exception {
        Path key = GateFixtures.keyPair(dir);
        try (FaultyProxy proxy = new FaultyProxy(registry)) {
            String attestationTag = "sha256-" + SAMPLE_HEX + ".att";
            proxy.failWhen((method, path) -> method.equals("PUT") && path.endsWith("/manifests/" + attestationTag));
            String destination = proxy.hostPort() + "/" + repository + ":1.0.0";
            Run failed = gate("push", "--sbom-only", "--key", key.toString(), sample(), destination);
            assertEquals(3, failed.code(), failed.toString());
            assertTrue(proxy.failures.get() > 0);
            assertEquals(
                    200,
                    RegistryChecks.manifestStatus(registry, repository, SAMPLE_DIGEST),
                    "the image went by digest");
            assertEquals(200, RegistryChecks.manifestStatus(registry, repository, "sha256-" + SAMPLE_HEX + ".sig"));
            assertFalse(RegistryChecks.tags(registry, repository).contains("1.0.0"), "no tag after a failed run");

            proxy.failWhen((method, path) -> false);
            Run rerun = gate("push", "--sbom-only", "--key", key.toString(), sample(), destination, "--output", "json");
            assertEquals(0, rerun.code(), rerun.toString());
            JsonNode report = JSON.readTree(rerun.out());
            assertEquals(0, report.at("/published/0/blobsUploaded").asInt(), "every blob was there already");
            assertTrue(RegistryChecks.tags(registry, repository).contains("1.0.0"));
        }
        JsonNode inspected = RegistryChecks.skopeoInspect(registry + "/" + repository + ":1.0.0");
        assertEquals(SAMPLE_DIGEST, inspected.get("Digest").asText());
        Run verified =
                gate("verify", "--key", dir.resolve("gate.pub").toString(), registry + "/" + repository + ":1.0.0");
        assertEquals(0, verified.code(), verified.toString());
        assertTrue(verified.out().contains("verified signature"), verified.out());
        assertTrue(verified.out().contains("verified attestation https://cyclonedx.org/bom"), verified.out());
        assertFalse(verified.out().contains("not verified"), verified.out());
    }

    @Test
    void tagMovedToAnUnsignedImageFailsVerification() throws Exception {
        Path key = GateFixtures.keyPair(dir);
        String image = registry + "/" + repository + ":1.0.0";
        assertEquals(
                0,
                gate("push", "--sbom-only", "--key", key.toString(), sample(), image)
                        .code());
        Path other = dir.resolve("other");
        TestImages.write(other, "1.0.0", TestImages.Spec.compliant().withFile("etc/motd", "moved\n"));
        Run plain = gate("push", "oci:" + other + ":1.0.0", image);
        assertEquals(0, plain.code(), plain.toString());
        Run verified = gate("verify", "--key", dir.resolve("gate.pub").toString(), image);
        assertEquals(1, verified.code(), verified.toString());
        assertTrue(verified.out().contains(".sig: no signatures found"), verified.out());
    }

    @Test
    void tamperedSbomAttestationIsNotVerified() throws Exception {
        Path key = GateFixtures.keyPair(dir);
        String image = registry + "/" + repository + ":1.0.0";
        assertEquals(
                0,
                gate("push", "--sbom-only", "--key", key.toString(), sample(), image)
                        .code());
        RegistryChecks.tamperWithAttestation(registry, repository, SAMPLE_DIGEST, "base-files", "base-filez");
        Run sbom =
                gate("verify", "--key", dir.resolve("gate.pub").toString(), "--attestation-type", "cyclonedx", image);
        assertEquals(1, sbom.code(), sbom.toString());
        assertTrue(sbom.out().contains("attestation does not verify with a trusted key"), sbom.out());

        // Without a type filter the signature verifies, as cosign verify has it; the altered attestation is listed,
        // unused.
        Run all = gate("verify", "--key", dir.resolve("gate.pub").toString(), image);
        assertEquals(0, all.code(), all.toString());
        assertTrue(all.out().contains("verified signature subject"), all.out());
        assertTrue(
                all.out().contains("signed also by an untrusted key: ")
                        && all.out().contains("attestation does not verify with a trusted key"),
                all.out());
    }

    @Test
    void alsoPushesTheSignedResultToASecondRepository() throws Exception {
        Path key = GateFixtures.keyPair(dir);
        String mirror = repository + "-mirror";
        Run run = gate(
                "push",
                "--sbom-only",
                "--key",
                key.toString(),
                sample(),
                registry + "/" + repository + ":1.0.0",
                "--also",
                registry + "/" + mirror + ":1.0.0",
                "--output",
                "json");
        assertEquals(0, run.code(), run.toString());
        assertEquals(2, JSON.readTree(run.out()).get("published").size());
        for (String repo : List.of(repository, mirror)) {
            Run verified =
                    gate("verify", "--key", dir.resolve("gate.pub").toString(), registry + "/" + repo + ":1.0.0");
            assertEquals(0, verified.code(), verified.toString());
            assertTrue(verified.out().contains("verified signature subject " + registry + "/" + repo), verified.out());
        }
    }

    @Test
    void multiPlatformIndexIsSignedThroughoutAndTaggedLast() throws Exception {
        Path key = GateFixtures.keyPair(dir);
        Path source = dir.resolve("multi");
        String index = TestImages.writeIndex(
                source,
                "3.0.0",
                List.of(TestImages.Spec.compliant(), TestImages.Spec.compliant().withArchitecture("arm64")));
        Run run = gate(
                "push",
                "--sbom-only",
                "--key",
                key.toString(),
                "oci:" + source + ":3.0.0",
                registry + "/" + repository + ":3.0.0",
                "--output",
                "json");
        assertEquals(0, run.code(), run.toString());
        JsonNode children = JSON.readTree(RegistryChecks.manifest(registry, repository, "3.0.0"))
                .get("manifests");
        assertEquals(index, "sha256:" + TestImages.sha256(RegistryChecks.manifest(registry, repository, "3.0.0")));
        for (JsonNode child : children) {
            String digest = child.get("digest").asText();
            Run verified = gate(
                    "verify", "--key", dir.resolve("gate.pub").toString(), registry + "/" + repository + "@" + digest);
            assertEquals(0, verified.code(), verified.toString());
            assertTrue(verified.out().contains("verified attestation https://cyclonedx.org/bom"), verified.out());
        }
        Run root = gate("verify", "--key", dir.resolve("gate.pub").toString(), registry + "/" + repository + ":3.0.0");
        assertEquals(0, root.code(), root.toString());
        assertTrue(root.out().contains("verified signature"), root.out());
        Run recheck = gate(
                "verify",
                "--key",
                dir.resolve("gate.pub").toString(),
                "--policy",
                GateFixtures.root().resolve("policies/prod.rego").toString(),
                "--data",
                GateFixtures.root().resolve("policies/data.example.yaml").toString(),
                "--db",
                GateFixtures.osvDatabase(dir).toString(),
                registry + "/" + repository + ":3.0.0");
        assertEquals(0, recheck.code(), "both platforms' attested SBOMs, rescanned: " + recheck);
        assertTrue(recheck.out().contains("policy re-evaluation: PASSED"), recheck.out());
    }

    @Test
    void copyCarriesSignaturesAttestationsAndTheSbomReferrer() throws Exception {
        Path key = GateFixtures.keyPair(dir);
        String image = registry + "/" + repository + ":1.0.0";
        assertEquals(
                0,
                gate("push", "--sbom-only", "--key", key.toString(), sample(), image)
                        .code());
        String copy = registry + "/" + repository + "-copy:1.0.0";
        Run copied = gate("copy", image, copy);
        assertEquals(0, copied.code(), copied.toString());
        Run verified = gate("verify", "--key", dir.resolve("gate.pub").toString(), copy);
        assertEquals(0, verified.code(), verified.toString());
        assertTrue(verified.out().contains("verified signature"), verified.out());
        assertTrue(verified.out().contains("verified attestation https://cyclonedx.org/bom"), verified.out());
        JsonNode referrers =
                JSON.readTree(RegistryChecks.manifest(registry, repository + "-copy", "sha256-" + SAMPLE_HEX));
        assertEquals(
                "application/vnd.cyclonedx+json",
                referrers.at("/manifests/0/artifactType").asText());
        assertEquals(
                200,
                RegistryChecks.manifestStatus(
                        registry,
                        repository + "-copy",
                        referrers.at("/manifests/0/digest").asText()));

        Run again = gate("copy", image, copy);
        assertEquals(0, again.code(), again.toString());
        JsonNode sig =
                JSON.readTree(RegistryChecks.manifest(registry, repository + "-copy", "sha256-" + SAMPLE_HEX + ".sig"));
        assertEquals(1, sig.get("layers").size(), "copying again adds no duplicate signature");

        Path layout = dir.resolve("copied");
        assertEquals(0, gate("copy", copy, "oci:" + layout + ":1.0.0").code());
        Verification inLayout = new dev.gate.signing.KeyVerifier(
                        new dev.gate.signing.oci.CosignAttacher(new LayoutSignatureStore(layout)),
                        PushLayoutTest.publicKey(dir.resolve("gate.pub")))
                .verify(dev.gate.image.Digest.parse(SAMPLE_DIGEST), null);
        assertEquals(List.of(), inLayout.failures());
        assertEquals(2, inLayout.verified().size());
    }

    private Run gate(String... args) {
        return InProcessGate.gate(environment, args);
    }
}
