package dev.gate.cli.gate;

import static dev.gate.cli.InProcessGate.onlyKeyPassword;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.cli.Environment;
import dev.gate.cli.InProcessGate;
import dev.gate.cli.InProcessGate.Run;
import dev.gate.image.testing.LoopbackServices;
import dev.gate.policy.wasm.OpaBuild;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gate audit --policy bundle.tar.gz} over a real registry judges each tag as the Rego source does. */
class WasmBundleAuditTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Environment environment = Environment.system();

    @TempDir
    Path dir;

    @Test
    void auditWithABundleJudgesTagsAsTheRegoSourceDoes() throws Exception {
        String registry = LoopbackServices.require("GATE_REGISTRY_PLAIN");
        String repository = registry + "/gate-test/wasm-audit-"
                + UUID.randomUUID().toString().substring(0, 8);
        environment = environment.withVariables(onlyKeyPassword("pw"));
        Path key = GateFixtures.keyPair(dir);
        String db = GateFixtures.osvDatabase(dir).toString();
        String prod = GateFixtures.root().resolve("policies/prod.rego").toString();
        String data = GateFixtures.root().resolve("policies/data.example.yaml").toString();
        String sample = "oci:" + GateFixtures.root().resolve("testdata/sample") + ":1.0.0";
        Run pushed = gate(
                "push",
                "--policy",
                prod,
                "--data",
                data,
                "--key",
                key.toString(),
                "--db",
                db,
                sample,
                repository + ":1.0.0");
        assertEquals(0, pushed.code(), pushed.toString());

        Files.createDirectories(dir.resolve("policies"));
        Files.copy(Path.of(prod), dir.resolve("policies/prod.rego"));
        OpaBuild.write(
                dir,
                "strict.rego",
                "package org.strict\n\ndeny_all contains \"nothing ships today\" if input.image.digest\n");
        Path bundle = OpaBuild.bundle(dir, "prod.tar.gz", List.of("gate/prod"), List.of(), "policies/prod.rego");
        Path strict = OpaBuild.bundle(dir, "strict.tar.gz", List.of("org/strict/deny_all"), List.of(), "strict.rego");
        String pub = dir.resolve("gate.pub").toString();

        Run rego = gate(
                "audit", "--key", pub, "--policy", prod, "--data", data, "--db", db, "--output", "json", repository);
        Run wasm = gate(
                "audit",
                "--key",
                pub,
                "--policy",
                bundle.toString(),
                "--data",
                data,
                "--db",
                db,
                "--output",
                "json",
                repository);
        assertEquals(0, rego.code(), rego.toString());
        assertEquals(0, wasm.code(), wasm.toString());
        JsonNode fromRego = JSON.readTree(rego.out()).at("/tags/0");
        JsonNode fromWasm = JSON.readTree(wasm.out()).at("/tags/0");
        assertEquals(fromRego.path("policyPassed"), fromWasm.path("policyPassed"));
        assertTrue(fromWasm.path("policyPassed").asBoolean(), fromWasm.toString());

        Run denied =
                gate("audit", "--key", pub, "--policy", strict.toString(), "--db", db, "--output", "json", repository);
        assertEquals(1, denied.code(), denied.toString());
        JsonNode tag = JSON.readTree(denied.out()).at("/tags/0");
        assertEquals(false, tag.path("policyPassed").asBoolean(true), tag.toString());
        assertTrue(tag.path("failingRules").toString().contains("deny_all"), tag.toString());
    }

    private Run gate(String... args) {
        return InProcessGate.gate(environment, args);
    }
}
