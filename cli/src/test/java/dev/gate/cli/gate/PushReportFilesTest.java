package dev.gate.cli.gate;

import static dev.gate.cli.InProcessGate.onlyKeyPassword;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.cli.Environment;
import dev.gate.cli.HostileText;
import dev.gate.cli.InProcessGate;
import dev.gate.cli.InProcessGate.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gate push --policy} writes its results as JUnit XML and as a GitLab Code Quality report, hostile names escaped. */
class PushReportFilesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NAME = HostileText.NAME;

    private Environment environment = Environment.system();

    @TempDir
    Path dir;

    String prod;
    String data;

    @BeforeEach
    void setUp() {
        environment = environment.withVariables(onlyKeyPassword("pw"));
        prod = GateFixtures.root().resolve("policies/prod.rego").toString();
        data = GateFixtures.root().resolve("policies/data.example.yaml").toString();
    }

    @Test
    void aDeniedPushReportsItsFailingRulesAndFindings() throws Exception {
        Path junit = dir.resolve("gate.xml");
        Path quality = dir.resolve("gl-code-quality.json");
        Run run = gate(
                "push",
                "--policy",
                prod,
                "--data",
                data,
                "--no-sign",
                "--db",
                hostileAdvisoryDatabase().toString(),
                "--junit",
                junit.toString(),
                "--gitlab-codequality",
                quality.toString(),
                "--name",
                "registry.example.com/demo/app:1.0.0",
                hostileImage(),
                "oci:" + dir.resolve("out") + ":1.0.0");
        assertEquals(1, run.code(), run.toString());

        String xml = Files.readString(junit);
        HostileText.assertInert(xml);
        Map<String, String> cases = JunitReports.cases(xml);
        String license = cases.get("gate.prod.deny_license");
        assertTrue(license != null && license.contains("evil\\x1b[2J"), xml);
        assertTrue(license.contains("prod.rego:"), "with its location: " + license);
        assertEquals(null, cases.get("gate.prod.deny_latest"), "a rule that held passes: " + xml);

        JsonNode issues = JSON.readTree(quality.toFile());
        assertTrue(issues.isArray() && issues.size() >= 2, issues.toPrettyString());
        Set<String> fingerprints = new HashSet<>();
        boolean finding = false;
        boolean rule = false;
        for (JsonNode issue : issues) {
            for (String field : new String[] {"description", "check_name", "fingerprint", "severity"}) {
                assertTrue(issue.path(field).isTextual(), field + " in " + issue);
            }
            assertTrue(
                    Set.of("info", "minor", "major", "critical", "blocker")
                            .contains(issue.path("severity").asText()),
                    issue.toString());
            assertTrue(issue.path("location").path("path").isTextual(), issue.toString());
            assertTrue(issue.path("location").path("lines").path("begin").asInt() >= 1, issue.toString());
            assertTrue(fingerprints.add(issue.path("fingerprint").asText()), "fingerprints are unique: " + issues);
            HostileText.assertInert(issue.path("description").asText() + " \\x1b[2J");
            finding |= issue.path("check_name").asText().equals("vulnerability/GATE-1")
                    && issue.path("severity").asText().equals("critical")
                    && issue.path("location").path("path").asText().contains("node_modules/evil/package.json");
            rule |= issue.path("check_name").asText().equals("policy/gate.prod.deny_license")
                    && issue.path("location").path("path").asText().endsWith("prod.rego")
                    && issue.path("location").path("lines").path("begin").asInt() > 1
                    && issue.path("description").asText().contains("evil\\x1b[2J");
        }
        assertTrue(finding, "the finding at the file that brought its package: " + issues.toPrettyString());
        assertTrue(rule, "the failing rule at its Rego source: " + issues.toPrettyString());
    }

    @Test
    void theReportFlagsNeedTheGate() {
        Run run = gate(
                "push",
                "--junit",
                dir.resolve("x.xml").toString(),
                "oci:" + GateFixtures.root().resolve("testdata/sample") + ":1.0.0",
                "oci:" + dir.resolve("out") + ":1.0.0");
        assertEquals(2, run.code(), run.toString());
        assertTrue(run.err().contains("--junit and --gitlab-codequality report a gate"), run.err());
        assertFalse(Files.exists(dir.resolve("x.xml")));
    }

    private String hostileImage() throws Exception {
        return TestImages.withNpmPackage(dir.resolve("hostile"), NAME, "1.0.0", "AGPL-3.0-only");
    }

    /** One critical advisory for the hostile npm package. */
    private Path hostileAdvisoryDatabase() throws Exception {
        ObjectNode advisory = NpmAdvisories.advisory("GATE-1", "hostile \u001b[2J summary", NAME);
        advisory.putArray("severity")
                .addObject()
                .put("type", "CVSS_V3")
                .put("score", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
        return NpmAdvisories.database(dir, advisory);
    }

    private Run gate(String... args) {
        return InProcessGate.gate(environment, args);
    }
}
