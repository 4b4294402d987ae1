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
import dev.gate.image.Digest;
import dev.gate.signing.KeyVerifier;
import dev.gate.signing.Pem;
import dev.gate.signing.Verification;
import dev.gate.signing.oci.CosignAttacher;
import dev.gate.signing.oci.LayoutSignatureStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gate push with the gate's flags into OCI layouts: signatures beside the image, tag last, reruns idempotent. */
class PushLayoutTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SAMPLE_DIGEST =
            "sha256:799fb5134de02aaa15cf6285f044fb8d90b86815d0cec9bd4217f21ae486a440";

    private Environment environment = Environment.system();

    @TempDir
    Path dir;

    @BeforeEach
    void password() {
        environment = environment.withVariables(onlyKeyPassword("pw"));
    }

    private String sample() {
        return "oci:" + GateFixtures.root().resolve("testdata/sample") + ":1.0.0";
    }

    static PublicKey publicKey(Path pem) throws Exception {
        return KeyFactory.getInstance("EC")
                .generatePublic(new X509EncodedKeySpec(
                        Pem.parse(Files.readString(pem), "pub").bytes()));
    }

    static List<String> refNames(Path layout) throws Exception {
        List<String> names = new ArrayList<>();
        for (JsonNode entry :
                JSON.readTree(layout.resolve("index.json").toFile()).path("manifests")) {
            names.add(entry.path("annotations")
                    .path(LayoutSignatureStore.REF_NAME)
                    .asText("<unnamed " + entry.path("digest").asText() + ">"));
        }
        return names;
    }

    @Test
    void sbomOnlyIntoALayoutSignsAttestsAndTagsThenRerunsWithoutDuplicates() throws Exception {
        Path key = GateFixtures.keyPair(dir);
        Path out = dir.resolve("out");
        Run first = gate(
                "push", "--sbom-only", "--key", key.toString(), sample(), "oci:" + out + ":1.0.0", "--output", "json");
        assertEquals(0, first.code(), first.toString());
        JsonNode report = JSON.readTree(first.out());
        assertEquals(SAMPLE_DIGEST, report.get("digest").asText());
        assertEquals(2, report.at("/published/0/blobsUploaded").asInt());
        String hex = SAMPLE_DIGEST.substring("sha256:".length());
        List<String> names = refNames(out);
        assertTrue(
                names.containsAll(
                        List.of("sha256-" + hex + ".sig", "sha256-" + hex + ".att", "sha256-" + hex, "1.0.0")),
                names.toString());
        assertEquals("1.0.0", names.get(names.size() - 1), "the tag is written last");

        LayoutSignatureStore store = new LayoutSignatureStore(out);
        Verification verified = new KeyVerifier(new CosignAttacher(store), publicKey(dir.resolve("gate.pub")))
                .verify(Digest.parse(SAMPLE_DIGEST), null);
        assertEquals(List.of(), verified.failures());
        assertEquals(
                List.of("signature", "attestation"),
                verified.verified().stream().map(Verification.Verified::kind).toList());
        assertEquals("https://cyclonedx.org/bom", verified.verified().get(1).predicateType());
        JsonNode referrers = JSON.readTree(store.manifest("sha256-" + hex).orElseThrow());
        assertEquals(
                "application/vnd.cyclonedx+json",
                referrers.at("/manifests/0/artifactType").asText());

        Run second = gate(
                "push", "--sbom-only", "--key", key.toString(), sample(), "oci:" + out + ":1.0.0", "--output", "json");
        assertEquals(0, second.code(), second.toString());
        JsonNode again = JSON.readTree(second.out());
        assertEquals(0, again.at("/published/0/blobsUploaded").asInt());
        assertEquals(2, again.at("/published/0/blobsSkipped").asInt());
        CosignAttacher attacher = new CosignAttacher(store);
        assertEquals(
                1, attacher.layers("sha256-" + hex + ".sig").size(), "a rerun keeps the one signature this key made");
        assertEquals(1, attacher.layers("sha256-" + hex + ".att").size(), "a rerun replaces its own attestation");
        assertEquals(report.at("/published/0/sbomReferrers/0"), again.at("/published/0/sbomReferrers/0"));
        assertEquals(names.size(), refNames(out).size());
    }

    @Test
    void multiPlatformSignsTheIndexAndEachChildAndTagsTheIndex() throws Exception {
        Path key = GateFixtures.keyPair(dir);
        Path source = dir.resolve("multi");
        String index = TestImages.writeIndex(
                source,
                "3.0.0",
                List.of(TestImages.Spec.compliant(), TestImages.Spec.compliant().withArchitecture("arm64")));
        Path out = dir.resolve("out");
        Run run = gate(
                "push",
                "--sbom-only",
                "--key",
                key.toString(),
                "oci:" + source + ":3.0.0",
                "oci:" + out + ":3.0.0",
                "--output",
                "json");
        assertEquals(0, run.code(), run.toString());
        JsonNode report = JSON.readTree(run.out());
        JsonNode signatures = report.at("/published/0/signatures");
        assertEquals(3, signatures.size(), signatures.toString());
        assertEquals(
                "sha256-" + index.substring(7) + ".sig", signatures.get(2).asText(), "children first, the index last");
        PublicKey pub = publicKey(dir.resolve("gate.pub"));
        LayoutSignatureStore store = new LayoutSignatureStore(out);
        for (JsonNode s : signatures) {
            String hex = s.asText().substring("sha256-".length(), s.asText().length() - ".sig".length());
            Verification v =
                    new KeyVerifier(new CosignAttacher(store), pub).verify(Digest.parse("sha256:" + hex), null);
            assertTrue(v.ok(), v.failures().toString());
        }
        List<String> names = refNames(out);
        assertEquals("3.0.0", names.get(names.size() - 1));
        JsonNode tagged = JSON.readTree(out.resolve("index.json").toFile()).at("/manifests/" + (names.size() - 1));
        assertEquals(index, tagged.get("digest").asText());
    }

    @Test
    void dryRunWritesNothing() throws Exception {
        Path key = GateFixtures.keyPair(dir);
        Path out = dir.resolve("out");
        Run run = gate("push", "--sbom-only", "--dry-run", "--key", key.toString(), sample(), "oci:" + out + ":1.0.0");
        assertEquals(0, run.code(), run.toString());
        assertTrue(run.out().contains("dry run: nothing was pushed"), run.out());
        assertFalse(Files.exists(out));
    }

    @Test
    void plainPushWithoutPolicyStillCopies() throws Exception {
        Path out = dir.resolve("plain");
        Run run = gate("push", sample(), "oci:" + out + ":1.0.0");
        assertEquals(0, run.code(), run.toString());
        assertEquals(List.of("1.0.0"), refNames(out));
    }

    @Test
    void badInputIsOneLineWithExitTwo() throws Exception {
        Path key = GateFixtures.keyPair(dir);
        Path out = dir.resolve("out");
        Run param = gate(
                "push",
                "--policy",
                GateFixtures.root().resolve("policies/prod.rego").toString(),
                "--param",
                "novalue",
                "--no-sign",
                "--no-scan",
                sample(),
                "oci:" + out + ":1.0.0");
        assertEquals(2, param.code(), param.toString());
        assertEquals("gate: --param novalue: expected NAME=VALUE\n", param.err());
        Run db = gate(
                "push",
                "--policy",
                "p.rego",
                "--key",
                key.toString(),
                "--db",
                dir.resolve("none.db").toString(),
                sample(),
                "oci:" + out + ":1.0.0");
        assertEquals(2, db.code(), db.toString());
        assertTrue(
                db.err().startsWith("gate: advisory database " + dir.resolve("none.db") + " does not exist"), db.err());
        Path config = dir.resolve("gate.yaml");
        Files.writeString(config, "policies: [x.rego]\nsecret: no\n");
        Run yaml = gate("push", "--config", config.toString(), "--no-sign", sample(), "oci:" + out + ":1.0.0");
        assertEquals(2, yaml.code(), yaml.toString());
        assertTrue(yaml.err().startsWith("gate: " + config + ": unknown setting 'secret'"), yaml.err());
        Run missingPolicy = gate(
                "push",
                "--policy",
                dir.resolve("nope.rego").toString(),
                "--no-sign",
                "--no-scan",
                sample(),
                "oci:" + out + ":1.0.0");
        assertEquals(2, missingPolicy.code(), missingPolicy.toString());
        assertEquals(
                "gate: --policy " + dir.resolve("nope.rego") + ": no such file or directory\n", missingPolicy.err());
        assertFalse(Files.exists(out), "nothing written on bad input");
    }

    @Test
    void wrongPasswordFailsBeforeAnythingIsWritten() throws Exception {
        Path key = GateFixtures.keyPair(dir);
        environment = environment.withVariables(onlyKeyPassword("Zq9-not-the-password"));
        Run run =
                gate("push", "--sbom-only", "--key", key.toString(), sample(), "oci:" + dir.resolve("out") + ":1.0.0");
        assertEquals(2, run.code(), run.toString());
        assertFalse(run.err().contains("Zq9-not-the-password"), "the password never appears: " + run.err());
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void configFileAndNameGateALayoutWithTheShippedPolicies() throws Exception {
        GateFixtures.keyPair(dir);
        Path config = dir.resolve("gate.yaml");
        Files.writeString(
                config,
                "policies: [" + GateFixtures.root().resolve("policies/prod.rego") + "]\n"
                        + "data: [" + GateFixtures.root().resolve("policies/data.example.yaml") + "]\n"
                        + "key: gate.key\nparams: {high_fix_max_days: \"7\"}\n");
        Path out = dir.resolve("out");
        Run unnamed = gate("push", "--config", config.toString(), "--no-scan", sample(), "oci:" + out + ":1.0.0");
        assertEquals(1, unnamed.code(), unnamed.toString());
        assertTrue(
                unnamed.out()
                        .contains("gate.prod.deny_registry: registry \"oci\" is not one of the allowed registries"),
                unnamed.out());
        assertFalse(Files.exists(out));

        Run named = gate(
                "push",
                "--config",
                config.toString(),
                "--no-scan",
                "--waivers",
                GateFixtures.unscannedWaiver(),
                "--name",
                "registry.example.com/demo/sample:1.0.0",
                sample(),
                "oci:" + out + ":1.0.0",
                "--output",
                "json");
        assertEquals(0, named.code(), named.toString());
        JsonNode report = JSON.readTree(named.out());
        assertEquals(
                "registry.example.com/demo/sample:1.0.0",
                report.get("destination").asText());
        assertEquals(
                2, report.at("/published/0/attestations").size(), "SBOM and decision attestations (no scan: no vuln)");
        Verification verified = new KeyVerifier(
                        new CosignAttacher(new LayoutSignatureStore(out)), publicKey(dir.resolve("gate.pub")))
                .verify(Digest.parse(SAMPLE_DIGEST), null);
        assertEquals(List.of(), verified.failures());
        assertEquals(
                "registry.example.com/demo/sample",
                verified.verified().get(0).subject(),
                "signed under the published name");

        Run mismatch = gate(
                "push",
                "--config",
                config.toString(),
                "--no-scan",
                "--name",
                "registry.example.com/demo/sample:2.0.0",
                sample(),
                "oci:" + out + ":1.0.0");
        assertEquals(2, mismatch.code(), mismatch.toString());
    }

    @Test
    void gateFlagsWithoutAPolicyAreRefusedRatherThanIgnored() throws Exception {
        Path key = GateFixtures.keyPair(dir);
        Run run = gate("push", "--key", key.toString(), sample(), "oci:" + dir.resolve("out") + ":1.0.0");
        assertEquals(2, run.code(), run.toString());
        assertTrue(run.err().contains("need --policy FILE|DIR (or --sbom-only)"), run.err());
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void keylessWithoutATokenIsRefusedUpFront() {
        Run run = gate("push", "--sbom-only", "--keyless", sample(), "oci:" + dir.resolve("out") + ":1.0.0");
        assertEquals(2, run.code(), run.toString());
        assertTrue(run.err().contains("--keyless needs an OIDC token"), run.err());
        assertFalse(Files.exists(dir.resolve("out")));
    }

    private Run gate(String... args) {
        return InProcessGate.gate(environment, args);
    }
}
