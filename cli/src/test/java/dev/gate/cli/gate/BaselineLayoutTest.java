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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --baseline IMAGE}: the verified vulnerability attestations of the image in production say which findings of a
 * release are new, so that prod.rego with {@code new_findings_only} holds only those against it; a baseline whose
 * attestations another key signed is refused rather than trusted.
 */
class BaselineLayoutTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Environment environment = Environment.system();

    @TempDir
    Path dir;

    @BeforeEach
    void password() {
        environment = environment.withVariables(onlyKeyPassword("pw"));
    }

    private Run push(Path db, String policy, String source, String destination, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "push",
                "--policy",
                GateFixtures.root().resolve("policies/" + policy).toString(),
                "--data",
                GateFixtures.root().resolve("policies/data.example.yaml").toString(),
                "--db",
                db.toString(),
                "--key",
                dir.resolve("gate.key").toString(),
                "--name",
                "registry.example.com/payments/api:" + destination.substring(destination.lastIndexOf(':') + 1)));
        args.addAll(List.of(more));
        args.add(source);
        args.add(destination);
        return gate(args.toArray(String[]::new));
    }

    @Test
    void aFindingTheProductionImageHadAlreadyIsNotNewAndOnlyNewOnesAreHeldAgainstARelease() throws Exception {
        GateFixtures.keyPair(dir);
        Path db = GateFixtures.osvDatabase(dir);
        Path production = dir.resolve("production");
        TestImages.write(
                dir.resolve("src-1"), "1.0.0", TestImages.Spec.compliant().withVulnerableNpmPackage());
        Run first = push(db, "baseline.rego", "oci:" + dir.resolve("src-1") + ":1.0.0", "oci:" + production + ":1.0.0");
        assertEquals(0, first.code(), "baseline.rego only warns: " + first);

        TestImages.write(
                dir.resolve("src-2"),
                "1.1.0",
                TestImages.Spec.compliant().withVulnerableNpmPackage().withFile("app/release.txt", "1.1.0"));
        String release = "oci:" + dir.resolve("src-2") + ":1.1.0";
        String baseline = "oci:" + production + ":1.0.0";
        Run everything =
                push(db, "prod.rego", release, "oci:" + dir.resolve("out-a") + ":1.1.0", "--baseline", baseline);
        assertEquals(1, everything.code(), "without new_findings_only a known CRITICAL still denies: " + everything);

        Path probe = Files.writeString(dir.resolve("probe.rego"), """
                package probe

                import rego.v1

                warn_seen contains sprintf("%s new=%v, %d of %d still present in %s", [v.id, v.new,
                    input.baseline.stillPresent, input.baseline.vulnerabilities, substring(input.baseline.digest, 0, 7)]) if {
                    some v in input.vulnerabilities
                }
                """);
        Run onlyNew = push(
                db,
                "prod.rego",
                release,
                "oci:" + dir.resolve("out-b") + ":1.1.0",
                "--baseline",
                baseline,
                "--param",
                "new_findings_only=true",
                "--policy",
                probe.toString(),
                "--output",
                "json");
        assertEquals(0, onlyNew.code(), onlyNew.toString());
        JsonNode warnings = JSON.readTree(onlyNew.out()).at("/decision/warnings");
        assertEquals(
                "GHSA-xvch-5gv4-984h new=false, 1 of 1 still present in sha256:",
                warnings.at("/0/message").asText(),
                warnings.toString());

        TestImages.write(dir.resolve("clean"), "0.9.0", TestImages.Spec.compliant());
        Run cleanFirst = push(
                db,
                "prod.rego",
                "oci:" + dir.resolve("clean") + ":0.9.0",
                "oci:" + dir.resolve("clean-prod") + ":0.9.0");
        assertEquals(0, cleanFirst.code(), cleanFirst.toString());
        Run newFinding = push(
                db,
                "prod.rego",
                release,
                "oci:" + dir.resolve("out-c") + ":1.1.0",
                "--baseline",
                "oci:" + dir.resolve("clean-prod") + ":0.9.0",
                "--param",
                "new_findings_only=true");
        assertEquals(1, newFinding.code(), "a CRITICAL the baseline did not have is new: " + newFinding);
        assertTrue(newFinding.out().contains("gate.prod.deny_critical"), newFinding.out());
    }

    @Test
    void aBaselineAttestedWithAnotherKeyIsRefusedNotTrusted() throws Exception {
        Path other = Files.createDirectories(dir.resolve("other"));
        GateFixtures.keyPair(other);
        GateFixtures.keyPair(dir);
        Path db = GateFixtures.osvDatabase(dir);
        TestImages.write(
                dir.resolve("src"), "1.0.0", TestImages.Spec.compliant().withVulnerableNpmPackage());
        Run forged = gate(
                "push",
                "--policy",
                GateFixtures.root().resolve("policies/baseline.rego").toString(),
                "--db",
                db.toString(),
                "--key",
                other.resolve("gate.key").toString(),
                "oci:" + dir.resolve("src") + ":1.0.0",
                "oci:" + dir.resolve("forged") + ":1.0.0");
        assertEquals(0, forged.code(), forged.toString());
        Run run = push(
                db,
                "prod.rego",
                "oci:" + dir.resolve("src") + ":1.0.0",
                "oci:" + dir.resolve("out") + ":1.0.0",
                "--baseline",
                "oci:" + dir.resolve("forged") + ":1.0.0",
                "--param",
                "new_findings_only=true");
        assertEquals(2, run.code(), run.toString());
        assertTrue(
                run.err().contains("has no vulnerability attestation that verifies with the baseline key"), run.err());
        assertFalse(Files.exists(dir.resolve("out")));
    }

    private Run gate(String... args) {
        return InProcessGate.gate(environment, args);
    }
}
