package dev.gate.cli.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.cli.Environment;
import dev.gate.cli.HostileText;
import dev.gate.cli.InProcessGate;
import dev.gate.cli.InProcessGate.Run;
import dev.gate.pipeline.recheck.PolicyRecheck;
import dev.gate.policy.decision.Decision;
import dev.gate.policy.decision.RuleResult;
import dev.gate.signing.Problem;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A package whose name and version carry terminal escapes, line breaks, a workflow command and Markdown comes out
 * escaped in every text output that shows it: the push summary and the step summary, the SBOM table, the scan
 * table, policy eval and test, the policy re-check, and error messages.
 */
class HostileOutputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NAME = HostileText.NAME;

    private Environment environment = Environment.system();

    @TempDir
    Path dir;

    Map<String, String> env;
    String prod;
    String data;

    @BeforeEach
    void setUp() {
        env = new HashMap<>(Map.of("COSIGN_PASSWORD", "pw"));
        environment = environment.withVariables(env::get);
        prod = GateFixtures.root().resolve("policies/prod.rego").toString();
        data = GateFixtures.root().resolve("policies/data.example.yaml").toString();
    }

    /** An image with an npm package named {@link HostileText#NAME} under a denied licence, so prod.rego echoes it. */
    private String hostileImage() throws Exception {
        return TestImages.withNpmPackage(dir.resolve("hostile"), NAME, "1.0.0\u001b[31m", "AGPL-3.0-only");
    }

    @Test
    void pushSummaryAndStepSummaryEscapeWhatThePolicyEchoes() throws Exception {
        Path summary = dir.resolve("summary.md");
        env.put("GITHUB_STEP_SUMMARY", summary.toString());
        Run run = gate(
                "push",
                "--policy",
                prod,
                "--data",
                data,
                "--no-sign",
                "--no-scan",
                "--name",
                "registry.example.com/demo/app:1.0.0",
                hostileImage(),
                "oci:" + dir.resolve("out") + ":1.0.0");
        assertEquals(1, run.code(), run.toString());
        assertTrue(run.out().contains("gate.prod.deny_license: evil\\x1b[2J"), run.out());
        HostileText.assertInert(run.out());

        String md = Files.readString(summary);
        assertFalse(md.chars().anyMatch(c -> c < 0x20 && c != '\n' || c == 0x202e), md);
        assertTrue(md.contains("evil\\\\x1b\\[2J"), md);
        assertTrue(
                md.contains("\\|\\*\\<b\\>\\[x\\]\\(y\\)"), "table cell, emphasis, HTML and link are literal: " + md);
        assertFalse(md.contains("<b>") || md.contains("|*"), md);
        md.lines()
                .filter(l -> l.startsWith("| `gate"))
                .forEach(l -> assertEquals(
                        5, l.replace("\\|", "").chars().filter(c -> c == '|').count(), "four cells: " + l));
    }

    @Test
    void sbomTableEscapesNamesAndVersions() throws Exception {
        Run run = gate("sbom", "--format", "table", hostileImage());
        assertEquals(0, run.code(), run.toString());
        assertTrue(run.out().contains("1.0.0\\x1b[31m"), run.out());
        HostileText.assertInert(run.out());
    }

    @Test
    void scanTableAndWarningsEscapeNamesVersionsAndAdvisoryIds() throws Exception {
        Path db = NpmAdvisories.database(dir, NpmAdvisories.advisory("GATE-\u001b]0;id\u0007", "hostile", NAME));

        ObjectNode bom = JSON.createObjectNode()
                .put("bomFormat", "CycloneDX")
                .put("specVersion", "1.5")
                .put("version", 1);
        bom.putArray("components")
                .addObject()
                .put("type", "library")
                .put("name", NAME)
                .put("version", "1.0.0")
                .put(
                        "purl",
                        "pkg:npm/"
                                + java.net.URLEncoder.encode(NAME, java.nio.charset.StandardCharsets.UTF_8)
                                        .replace("+", "%20")
                                + "@1.0.0");
        Path sbom = Files.writeString(dir.resolve("bom.json"), JSON.writeValueAsString(bom));
        Run run = gate("scan", "--sbom", sbom.toString(), "--db", db.toString());
        assertEquals(0, run.code(), run.toString());
        assertTrue(run.out().contains("GATE-\\x1b]0;id\\x07"), run.out());
        HostileText.assertInert(run.out());
        HostileText.assertInert(run.err() + "\\x1b[2J");
    }

    @Test
    void policyEvalAndPolicyTestEscapeMessagesAndPaths() throws Exception {
        ObjectNode input = JSON.createObjectNode();
        input.putObject("image")
                .put("registry", "registry.example.com")
                .put("repository", "demo/app")
                .put("tag", "1.0.0");
        input.putObject("sbom")
                .putArray("components")
                .addObject()
                .put("name", NAME)
                .put("version", "1")
                .putArray("licenses")
                .add("AGPL-3.0-only");
        Path inputFile = Files.writeString(dir.resolve("input.json"), JSON.writeValueAsString(input));
        Run eval = gate("policy", "eval", "--policy", prod, "--data", data, "--input", inputFile.toString());
        assertEquals(1, eval.code(), eval.toString());
        assertTrue(eval.out().contains("gate.prod.deny_license - evil\\x1b[2J"), eval.out());
        HostileText.assertInert(eval.out());

        Path policies = Files.createDirectories(dir.resolve("policies\u001b[2J"));
        Files.writeString(policies.resolve("p_test.rego"), "package p\n\ntest_fails if false\n");
        Run test = gate("policy", "test", policies.toString());
        assertEquals(1, test.code(), test.toString());
        HostileText.assertInert(test.out());
    }

    @Test
    void regoPrintOutputIsEscaped() throws Exception {
        Path policy = Files.writeString(
                dir.resolve("p.rego"), "package p\n\ndeny contains \"x\" if {\n\tprint(input.name)\n\tfalse\n}\n");
        Path inputFile = Files.writeString(
                dir.resolve("input.json"),
                JSON.writeValueAsString(JSON.createObjectNode().put("name", NAME)));
        PrintStream stderr = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            Run eval = gate("policy", "eval", "--policy", policy.toString(), "--input", inputFile.toString());
            assertEquals(0, eval.code(), eval.toString());
        } finally {
            System.setErr(stderr);
        }
        String text = printed.toString(StandardCharsets.UTF_8);
        assertEquals(1, text.lines().count(), text);
        HostileText.assertInert(text);
    }

    @Test
    void verifyEscapesPredicateTypesAndFailuresFromTheStore() throws Exception {
        GateFixtures.keyPair(dir);
        Path layout = dir.resolve("signed");
        String image = "oci:" + layout + ":1.0.0";
        assertEquals(
                0,
                gate("copy", "-q", "oci:" + GateFixtures.root().resolve("testdata/sample") + ":1.0.0", image)
                        .code());
        Path predicate = Files.writeString(dir.resolve("predicate.json"), "{}");
        Run attested = gate(
                "attest",
                "--key",
                dir.resolve("gate.key").toString(),
                "--predicate",
                predicate.toString(),
                "--type",
                "https://example.com/" + NAME,
                image);
        assertEquals(0, attested.code(), attested.toString());
        HostileText.assertInert(attested.out());
        Run verified = gate("verify", "--key", dir.resolve("gate.pub").toString(), image);
        assertTrue(verified.out().contains("verified attestation https://example.com/evil\\x1b[2J"), verified.out());
        HostileText.assertInert(verified.out());
    }

    @Test
    void errorMessagesAreOneEscapedLine() {
        Path missing = dir.resolve("x\u001b[2J\n::error::owned.rego");
        Run run = gate("push", "--policy", missing.toString(), "--no-sign", "--no-scan", "oci:a:1", "oci:b:1");
        assertEquals(2, run.code(), run.toString());
        assertEquals(1, run.err().lines().count(), run.err());
        HostileText.assertInert(run.err());
    }

    @Test
    void policyRecheckEscapesProblemsAndMessages() {
        RuleResult echoed = new RuleResult(
                "gate.prod", "deny_license", NAME + " is licensed AGPL-3.0-only", Map.of(), "prod.rego:94:1");
        PolicyRecheck.Outcome outcome = new PolicyRecheck.Outcome(
                false,
                new Decision(List.of(echoed), List.of(), List.of(), List.of()),
                List.of(new Problem(Problem.Kind.UNREADABLE, "sha256-x.att: " + NAME)),
                null);
        StringWriter text = new StringWriter();
        outcome.print(new PrintWriter(text, true));
        HostileText.assertInert(text.toString());
        assertEquals(4, text.toString().lines().count(), "verdict, problem, failure, count: " + text);
    }

    private Run gate(String... args) {
        return InProcessGate.gate(environment, args);
    }
}
