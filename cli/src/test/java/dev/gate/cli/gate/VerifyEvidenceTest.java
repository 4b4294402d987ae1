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
import dev.gate.signing.oci.LayoutSignatureStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an auditor takes from {@code gate verify}: a verified predicate ({@code --show}) and JUnit XML. */
class VerifyEvidenceTest {

    private static final String NAME = "registry.example.com/demo/sample:1.0.0";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Environment environment = Environment.system();

    @TempDir
    Path dir;

    GatedLayout gated;

    @BeforeEach
    void gateIntoALayout() {
        environment = environment.withVariables(onlyKeyPassword("pw"));
        gated = GatedLayout.push(dir, NAME);
    }

    private Run verify(String... more) {
        String[] args = new String[more.length + 6];
        args[0] = "verify";
        args[1] = "--key";
        args[2] = gated.pub();
        args[3] = "--name";
        args[4] = NAME;
        System.arraycopy(more, 0, args, 5, more.length);
        args[args.length - 1] = "oci:" + gated.out() + ":1.0.0";
        return gate(args);
    }

    @Test
    void showPrintsTheVerifiedPredicateAloneAsPrettyJson() throws Exception {
        Run decision = verify("--show", "decision");
        assertEquals(0, decision.code(), decision.toString());
        JsonNode record = JSON.readTree(decision.out());
        assertTrue(record.path("allowed").asBoolean(), decision.out());
        assertTrue(record.path("policies").path(0).path("sha256").asText().matches("[0-9a-f]{64}"), decision.out());
        assertTrue(decision.out().contains("\n  \"allowed\""), "indented: " + decision.out());

        Run sbom = verify("--show", "sbom");
        assertEquals(0, sbom.code(), sbom.toString());
        assertEquals("CycloneDX", JSON.readTree(sbom.out()).path("bomFormat").asText(), sbom.out());
        Run byUri = verify("--show", "https://cosign.sigstore.dev/attestation/vuln/v1");
        assertEquals(0, byUri.code(), byUri.toString());
        assertEquals(JSON.readTree(verify("--show", "vuln").out()), JSON.readTree(byUri.out()));
    }

    @Test
    void anAbsentTypeIsOneLineAndExitOneABadValueExitTwo() {
        Run absent = verify("--show", "https://slsa.dev/provenance/v1");
        assertEquals(1, absent.code(), absent.toString());
        assertEquals("", absent.out());
        assertEquals(1, absent.err().lines().count(), absent.err());
        assertTrue(
                absent.err().startsWith("no verified attestation of type https://slsa.dev/provenance/v1 on sha256:"),
                absent.err());

        Run bad = verify("--show", "provenance");
        assertEquals(2, bad.code(), bad.toString());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());
        assertTrue(
                bad.err().contains("--show takes decision, sbom, vuln or a predicate type URI, got 'provenance'"),
                bad.err());
    }

    @Test
    void aPredicateThatDoesNotVerifyIsNeverShown() throws Exception {
        GateFixtures.keyPair(Files.createDirectory(dir.resolve("other")));
        Run otherKey = gate(
                "verify",
                "--key",
                dir.resolve("other/gate.pub").toString(),
                "--show",
                "decision",
                "oci:" + gated.out() + ":1.0.0");
        assertEquals(1, otherKey.code(), otherKey.toString());
        assertEquals("", otherKey.out());

        tamperAttestations();
        Run tampered = verify("--show", "decision");
        assertEquals(1, tampered.code(), tampered.toString());
        assertEquals("", tampered.out());
        assertTrue(tampered.err().startsWith("not verified: "), tampered.err());
    }

    @Test
    void junitHasACasePerClaimAndPerRuleAndFailsWhatFails() throws Exception {
        Run passing = verify("--output", "junit", "--policy", gated.policy(), "--data", gated.data());
        assertEquals(0, passing.code(), passing.toString());
        Map<String, String> cases = JunitReports.cases(passing.out());
        assertTrue(cases.keySet().stream().anyMatch(n -> n.startsWith("signature by key ")), cases.toString());
        assertTrue(
                cases.keySet().stream()
                        .anyMatch(n -> n.startsWith("attestation https://gate.dev/attestation/decision/v1 by key ")),
                cases.toString());
        assertTrue(cases.containsKey("gate.prod.deny_latest"), cases.toString());
        assertTrue(cases.values().stream().allMatch(v -> v == null), cases.toString());

        Run unnamed = gate(
                "verify",
                "--key",
                gated.pub(),
                "--output",
                "junit",
                "--policy",
                gated.policy(),
                "--data",
                gated.data(),
                "oci:" + gated.out() + ":1.0.0");
        assertEquals(1, unnamed.code(), unnamed.toString());
        String registryRule = JunitReports.cases(unnamed.out()).get("gate.prod.deny_registry");
        assertTrue(registryRule != null && registryRule.contains("registry \"oci\""), unnamed.out());

        tamperAttestations();
        Run tampered = verify("--output", "junit");
        assertEquals(1, tampered.code(), tampered.toString());
        assertTrue(
                JunitReports.cases(tampered.out()).entrySet().stream()
                        .anyMatch(e -> e.getKey().startsWith("not verified: ") && e.getValue() != null),
                tampered.out());
    }

    @Test
    void outputRefusesAnUnknownFormat() {
        Run run = verify("--output", "xml");
        assertEquals(2, run.code(), run.toString());
        assertFalse(run.err().contains("Exception"), run.err());
    }

    /** One byte of every attestation envelope changed in the layout's blob store. */
    private void tamperAttestations() throws Exception {
        for (JsonNode entry :
                JSON.readTree(gated.out().resolve("index.json").toFile()).path("manifests")) {
            if (entry.path("annotations")
                    .path(LayoutSignatureStore.REF_NAME)
                    .asText()
                    .endsWith(".att")) {
                for (JsonNode layer : JSON.readTree(
                                blob(entry.path("digest").asText()).toFile())
                        .path("layers")) {
                    Path envelope = blob(layer.path("digest").asText());
                    byte[] bytes = Files.readAllBytes(envelope);
                    bytes[bytes.length / 2] ^= 1;
                    Files.write(envelope, bytes);
                }
            }
        }
    }

    private Path blob(String digest) {
        return gated.out().resolve("blobs/sha256").resolve(digest.substring("sha256:".length()));
    }

    private Run gate(String... args) {
        return InProcessGate.gate(environment, args);
    }
}
