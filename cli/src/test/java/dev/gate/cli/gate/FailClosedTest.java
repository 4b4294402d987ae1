package dev.gate.cli.gate;

import static dev.gate.cli.InProcessGate.onlyKeyPassword;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.cli.Environment;
import dev.gate.cli.InProcessGate;
import dev.gate.cli.InProcessGate.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A decision in which no decision rule is evaluated is an input error (exit 2) naming what was looked for, in every
 * command that decides: push, policy eval, verify --policy, audit --policy. Never "0 of 0 rules passed, ALLOWED".
 */
class FailClosedTest {

    private Environment environment = Environment.system();

    @TempDir
    Path dir;

    String prod;
    String sample;

    @BeforeEach
    void setUp() {
        environment = environment.withVariables(onlyKeyPassword("pw"));
        prod = GateFixtures.root().resolve("policies/prod.rego").toString();
        sample = "oci:" + GateFixtures.root().resolve("testdata/sample") + ":1.0.0";
    }

    private static void assertNoRules(Run run, String... named) {
        assertEquals(2, run.code(), run.toString());
        assertTrue(run.err().startsWith("gate: no_decision_rules: "), run.err());
        assertEquals(1, run.err().lines().count(), "one line: " + run.err());
        for (String n : named) {
            assertTrue(run.err().contains(n), n + " is named: " + run.err());
        }
        assertFalse(run.out().contains("ALLOWED") || run.out().contains("PASSED"), run.out());
    }

    @Test
    void pushWithANamespaceThatMatchesNothingIsRefusedAndWritesNothing() {
        Path out = dir.resolve("out");
        Run run = gate(
                "push",
                "--policy",
                prod,
                "--namespace",
                "nothing.here",
                "--no-sign",
                "--no-scan",
                "--name",
                "registry.example.com/demo/sample:latest",
                sample,
                "oci:" + out + ":latest");
        assertNoRules(run, "package nothing.here", prod, "packages with decision rules: gate.prod");
        assertFalse(Files.exists(out));
    }

    @Test
    void pushWithPoliciesThatHaveNoDecisionRuleIsRefused() throws Exception {
        Path policy = Files.writeString(dir.resolve("allow.rego"), "package gate.lenient\n\nallow if true\n");
        Path out = dir.resolve("out");
        Run run =
                gate("push", "--policy", policy.toString(), "--no-sign", "--no-scan", sample, "oci:" + out + ":1.0.0");
        assertNoRules(run, "no package of " + policy);
        assertFalse(Files.exists(out));
    }

    @Test
    void policyEvalRefusesToDecideWithoutRules() throws Exception {
        Path input = Files.writeString(dir.resolve("input.json"), "{\"image\": {\"tag\": \"latest\"}}");
        assertNoRules(
                gate("policy", "eval", "--policy", prod, "--namespace", "nothing.here", "--input", input.toString()),
                "package nothing.here",
                prod);
        assertNoRules(
                gate(
                        "policy",
                        "eval",
                        "--policy",
                        prod,
                        "--namespace",
                        "nothing.here",
                        "--input",
                        input.toString(),
                        "--output",
                        "json"),
                "package nothing.here");
    }

    @Test
    void verifyAndAuditWithPolicyRefuseANamespaceThatMatchesNothing() {
        GateFixtures.keyPair(dir);
        String pub = dir.resolve("gate.pub").toString();
        Path layout = dir.resolve("signed");
        Run pushed = gate(
                "push", "--sbom-only", "--key", dir.resolve("gate.key").toString(), sample, "oci:" + layout + ":1.0.0");
        assertEquals(0, pushed.code(), pushed.toString());
        assertNoRules(
                gate(
                        "verify",
                        "--key",
                        pub,
                        "--policy",
                        prod,
                        "--namespace",
                        "nothing.here",
                        "oci:" + layout + ":1.0.0"),
                "package nothing.here",
                prod);
        // The policies are checked before the registry is asked for anything: nothing listens on port 1.
        assertNoRules(
                gate("audit", "--key", pub, "--policy", prod, "--namespace", "nothing.here", "127.0.0.1:1/demo/sample"),
                "package nothing.here",
                prod);
    }

    private Run gate(String... args) {
        return InProcessGate.gate(environment, args);
    }
}
