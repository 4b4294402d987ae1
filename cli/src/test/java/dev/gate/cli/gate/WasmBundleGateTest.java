package dev.gate.cli.gate;

import static dev.gate.cli.InProcessGate.onlyKeyPassword;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.gate.cli.Environment;
import dev.gate.cli.InProcessGate;
import dev.gate.cli.InProcessGate.Run;
import dev.gate.image.Digest;
import dev.gate.pipeline.attestation.AttestedPredicates;
import dev.gate.pipeline.decision.DecisionRecord;
import dev.gate.policy.wasm.OpaBuild;
import dev.gate.signing.oci.LayoutSignatureStore;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --policy bundle.tar.gz}: an OPA wasm bundle built by the installed {@code opa build -t wasm} decides as the
 * Rego source does, in {@code gate policy eval} and {@code gate push}, with the engine, the bundle's digest and its
 * revision in the decision record; a bad bundle is one line and exit 2, with nothing pushed.
 */
class WasmBundleGateTest {
    private static final String SAMPLE_DIGEST =
            "sha256:799fb5134de02aaa15cf6285f044fb8d90b86815d0cec9bd4217f21ae486a440";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DENIED_INPUT = """
            {"image": {"ref": "Docker.io/x:latest", "registry": "docker.io", "repository": "x", "tag": "latest",
                       "config": {"user": "root", "labels": {}}},
             "sbom": {"components": [{"name": "a", "version": "1", "licenses": ["AGPL-3.0-only"]}]},
             "vulnerabilities": [{"id": "CVE-1", "severity": "CRITICAL", "fixAvailable": true, "fixedVersions": ["2"],
                                  "package": {"name": "a", "version": "1"}}],
             "context": {"time": "2026-06-30T00:00:00Z", "params": {}}}
            """;

    private Environment environment = Environment.system();

    @TempDir
    Path dir;

    Path policies;

    @BeforeEach
    void setUp() throws Exception {
        environment = environment.withVariables(onlyKeyPassword("pw"));
        policies = dir.resolve("policies");
        Files.createDirectories(policies);
        Files.copy(GateFixtures.root().resolve("policies/prod.rego"), policies.resolve("prod.rego"));
    }

    private Path prodBundle(String... flags) throws Exception {
        return OpaBuild.bundle(dir, "prod.tar.gz", List.of("gate/prod"), List.of(flags), "policies/prod.rego");
    }

    private static String data() {
        return GateFixtures.root().resolve("policies/data.example.yaml").toString();
    }

    private static String sample() {
        return "oci:" + GateFixtures.root().resolve("testdata/sample") + ":1.0.0";
    }

    @Test
    void policyEvalDecidesFromTheBundleAsFromTheRegoSource() throws Exception {
        Path bundle = prodBundle();
        Path input = Files.writeString(dir.resolve("input.json"), DENIED_INPUT);
        Run rego = gate(
                "policy",
                "eval",
                "--policy",
                policies.resolve("prod.rego").toString(),
                "--data",
                data(),
                "--input",
                input.toString(),
                "-o",
                "json");
        Run wasm = gate(
                "policy",
                "eval",
                "--policy",
                bundle.toString(),
                "--data",
                data(),
                "--input",
                input.toString(),
                "-o",
                "json");
        assertEquals(1, rego.code(), rego.toString());
        assertEquals(1, wasm.code(), wasm.toString());
        JsonNode r = JSON.readTree(rego.out());
        JsonNode w = JSON.readTree(wasm.out());
        assertEquals(withoutLocations(r), withoutLocations(w));
        assertTrue(w.at("/failures").size() >= 6, w.toString());
        assertEquals(
                bundle + "#gate/prod/deny_latest",
                located(w, "deny_latest"),
                "wasm results are located by bundle and entrypoint");

        Run asked = gate(
                "policy",
                "eval",
                "--engine",
                "wasm",
                "--policy",
                bundle.toString(),
                "--data",
                data(),
                "--input",
                input.toString(),
                "-o",
                "json");
        assertEquals(wasm.out(), asked.out());

        Run regoQuery = gate(
                "policy",
                "eval",
                "--policy",
                policies.resolve("prod.rego").toString(),
                "--data",
                data(),
                "--input",
                input.toString(),
                "-q",
                "data.gate.prod.deny_labels",
                "-o",
                "json");
        Run wasmQuery = gate(
                "policy",
                "eval",
                "--policy",
                bundle.toString(),
                "--data",
                data(),
                "--input",
                input.toString(),
                "-q",
                "data.gate.prod.deny_labels",
                "-o",
                "json");
        assertEquals(0, wasmQuery.code(), wasmQuery.toString());
        assertEquals(
                JSON.readTree(regoQuery.out()),
                JSON.readTree(wasmQuery.out()),
                "a query naming an entrypoint answers as opa eval prints");
        Run notAnEntrypoint = gate(
                "policy",
                "eval",
                "--policy",
                bundle.toString(),
                "--input",
                input.toString(),
                "-q",
                "data.gate.prod.days_since");
        assertOneLine(notAnEntrypoint, "data.gate.prod.days_since is not an entrypoint of the module");
    }

    /**
     * A decision without its locations (a bundle locates by entrypoint) and rule METADATA (opa build keeps the blocks
     * only of the rules it leaves in place), each list in rule-name order (a bundle keeps no source order).
     */
    private static JsonNode withoutLocations(JsonNode decision) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = decision.deepCopy();
        for (String list : List.of("failures", "warnings", "exempted", "rules")) {
            if (!copy.has(list)) continue;
            List<JsonNode> items = new java.util.ArrayList<>();
            copy.path(list)
                    .forEach(n -> items.add(((com.fasterxml.jackson.databind.node.ObjectNode) n)
                            .without(List.of("location", "title", "description", "severity", "related"))));
            items.sort(java.util.Comparator.comparing(
                    n -> n.path("rule").asText() + "\n" + n.path("message").asText()));
            copy.putArray(list).addAll(items);
        }
        return copy;
    }

    private static String located(JsonNode decision, String rule) {
        for (JsonNode f : decision.path("failures"))
            if (f.path("rule").asText().equals(rule)) return f.path("location").asText();
        return null;
    }

    @Test
    void theEngineFlagTakesOnlyWhatThatEngineRuns() throws Exception {
        Path bundle = prodBundle();
        Path input = Files.writeString(dir.resolve("input.json"), DENIED_INPUT);
        Run wasmOnRego = gate(
                "policy",
                "eval",
                "--engine",
                "wasm",
                "--policy",
                policies.resolve("prod.rego").toString(),
                "--input",
                input.toString());
        assertOneLine(wasmOnRego, "--engine wasm takes a bundle built by opa build -t wasm");
        Run regoOnBundle =
                gate("policy", "eval", "--engine", "rego", "--policy", bundle.toString(), "--input", input.toString());
        assertOneLine(regoOnBundle, bundle + ": --engine rego runs Rego sources");
        assertOneLine(
                gate("policy", "eval", "--engine", "lua", "--policy", bundle.toString(), "--input", input.toString()),
                "--engine lua: expected rego, wasm or auto");
    }

    @Test
    void pushWithABundleRecordsTheEngineTheBundleDigestAndItsRevision() throws Exception {
        GateFixtures.keyPair(dir);
        String db = GateFixtures.osvDatabase(dir).toString();
        Path bundle = prodBundle("--revision", "release-42");
        Path out = dir.resolve("out");
        Run run = gate(
                "push",
                "--policy",
                bundle.toString(),
                "--data",
                data(),
                "--key",
                dir.resolve("gate.key").toString(),
                "--db",
                db,
                "--name",
                "registry.example.com/demo/sample:1.0.0",
                sample(),
                "oci:" + out + ":1.0.0");
        assertEquals(0, run.code(), run.toString());
        JsonNode decision = AttestedPredicates.read(
                        new LayoutSignatureStore(out),
                        Digest.parse(SAMPLE_DIGEST),
                        PushLayoutTest.publicKey(dir.resolve("gate.pub")))
                .predicate(DecisionRecord.PREDICATE_TYPE);
        assertEquals("wasm", decision.at("/engine/name").asText(), decision.toString());
        assertEquals(
                TestImages.sha256(Files.readAllBytes(bundle)),
                decision.at("/engine/bundle/sha256").asText());
        assertEquals("release-42", decision.at("/engine/bundle/revision").asText());
        assertEquals("", decision.at("/engine/bundle/roots/0").asText());
        assertEquals(bundle.toString(), decision.at("/policies/0/path").asText());
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(GateFixtures.root().resolve("docs/decision-record.schema.json")));
        assertEquals(Set.of(), schema.validate(decision), decision.toPrettyString());

        Run verify = gate(
                "verify",
                "--key",
                dir.resolve("gate.pub").toString(),
                "--name",
                "registry.example.com/demo/sample:1.0.0",
                "--policy",
                bundle.toString(),
                "--data",
                data(),
                "oci:" + out + ":1.0.0");
        assertEquals(0, verify.code(), verify.toString());
        assertTrue(verify.out().contains("policy re-evaluation: PASSED"), verify.out());

        Path regoOut = dir.resolve("rego-out");
        Run rego = gate(
                "push",
                "--policy",
                policies.resolve("prod.rego").toString(),
                "--data",
                data(),
                "--key",
                dir.resolve("gate.key").toString(),
                "--db",
                db,
                "--name",
                "registry.example.com/demo/sample:1.0.0",
                sample(),
                "oci:" + regoOut + ":1.0.0");
        assertEquals(0, rego.code(), rego.toString());
        JsonNode regoDecision = AttestedPredicates.read(
                        new LayoutSignatureStore(regoOut),
                        Digest.parse(SAMPLE_DIGEST),
                        PushLayoutTest.publicKey(dir.resolve("gate.pub")))
                .predicate(DecisionRecord.PREDICATE_TYPE);
        assertEquals("rego", regoDecision.at("/engine/name").asText());
        assertTrue(regoDecision.at("/engine/bundle").isNull());
        assertEquals(
                withoutLocations(regoDecision).path("rules"),
                withoutLocations(decision).path("rules"),
                "the same rules, evaluated alike");
        assertEquals(
                withoutLocations(regoDecision).path("results"),
                withoutLocations(decision).path("results"));
        assertEquals(regoDecision.path("allowed"), decision.path("allowed"));
    }

    @Test
    void aDeniedPushWithABundlePushesNothing() throws Exception {
        Path bundle = prodBundle();
        Path out = dir.resolve("out");
        Path wasmSarif = dir.resolve("wasm.sarif");
        Run run = gate(
                "push",
                "--policy",
                bundle.toString(),
                "--data",
                data(),
                "--no-sign",
                "--no-scan",
                "--sarif",
                wasmSarif.toString(),
                sample(),
                "oci:" + out + ":latest");
        assertEquals(1, run.code(), run.toString());
        assertTrue(run.out().contains("deny_latest") || run.err().contains("deny_latest"), run.toString());
        assertFalse(Files.exists(out));

        Path regoSarif = dir.resolve("rego.sarif");
        Run rego = gate(
                "push",
                "--policy",
                policies.resolve("prod.rego").toString(),
                "--data",
                data(),
                "--no-sign",
                "--no-scan",
                "--sarif",
                regoSarif.toString(),
                sample(),
                "oci:" + out + ":latest");
        assertEquals(1, rego.code(), rego.toString());
        assertEquals(sarifResults(regoSarif), sarifResults(wasmSarif), "the same SARIF results, rule by rule");
    }

    @Test
    void aCorruptOrTruncatedBundleIsOneLineAndPushesNothing() throws Exception {
        byte[] whole = Files.readAllBytes(prodBundle());
        Path truncated = Files.write(dir.resolve("truncated.tar.gz"), Arrays.copyOf(whole, whole.length / 2));
        Path garbage = Files.writeString(dir.resolve("garbage.tar.gz"), "this is not a bundle");
        for (Path bad : List.of(truncated, garbage)) {
            Path out = dir.resolve("out-" + bad.getFileName());
            Run run = gate(
                    "push", "--policy", bad.toString(), "--no-sign", "--no-scan", sample(), "oci:" + out + ":1.0.0");
            assertOneLine(run, bad + ": corrupt or truncated bundle");
            assertFalse(Files.exists(out));
        }
        Path notWasm = Files.writeString(dir.resolve("policy.wasm"), "plain text");
        assertOneLine(
                gate("policy", "eval", "--policy", notWasm.toString(), "--input", truncated.toString()),
                notWasm + ": not a wasm module");
        byte[] module = Files.readAllBytes(OpaBuild.wasmOf(dir.resolve("prod.tar.gz")));
        Path cutModule = Files.write(dir.resolve("cut.wasm"), Arrays.copyOf(module, module.length / 3));
        Path out = dir.resolve("out-cut");
        assertOneLine(
                gate(
                        "push",
                        "--policy",
                        cutModule.toString(),
                        "--no-sign",
                        "--no-scan",
                        sample(),
                        "oci:" + out + ":1.0.0"),
                cutModule + ": policy.wasm is not a valid wasm module");
        assertFalse(Files.exists(out));
    }

    @Test
    void aModuleForAnotherAbiIsRefusedNamingIt() throws Exception {
        Path module = Files.write(dir.resolve("abi2.wasm"), abiOnlyModule(2));
        Path input = Files.writeString(dir.resolve("input.json"), "{}");
        Run run = gate("policy", "eval", "--policy", module.toString(), "--input", input.toString());
        assertOneLine(run, module + ": built for OPA wasm ABI 2.0, which gate (opa-java-wasm) does not run");
        Path out = dir.resolve("out");
        assertOneLine(
                gate(
                        "push",
                        "--policy",
                        module.toString(),
                        "--no-sign",
                        "--no-scan",
                        sample(),
                        "oci:" + out + ":1.0.0"),
                "ABI 2.0");
        assertFalse(Files.exists(out));
    }

    /** The smallest module declaring an ABI: a global {@code opa_wasm_abi_version = major}, exported, and nothing else. */
    static byte[] abiOnlyModule(int major) {
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        m.writeBytes(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
        m.writeBytes(new byte[] {6, 6, 1, 0x7f, 0, 0x41, (byte) major, 0x0b});
        byte[] name = "opa_wasm_abi_version".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        m.writeBytes(new byte[] {7, (byte) (name.length + 4), 1, (byte) name.length});
        m.writeBytes(name);
        m.writeBytes(new byte[] {3, 0});
        return m.toByteArray();
    }

    @Test
    void aModuleThatAbortsLoopsOrRunsOutOfMemoryIsOneLineExitTwo() throws Exception {
        OpaBuild.write(
                dir,
                "conflict.rego",
                "package app\n\nx := 1 if input.a\n\nx := 2 if input.b\n\ndeny contains \"conflict\" if x > 0\n");
        OpaBuild.write(
                dir,
                "loop.rego",
                "package app\n\ndeny contains \"never\" if {\n\tsome i in numbers.range(1, input.n)\n"
                        + "\tsome j in numbers.range(1, input.n)\n\ti + j < 0\n}\n");
        OpaBuild.write(
                dir,
                "oom.rego",
                "package app\n\ndeny contains \"big\" if count([y | some y in numbers.range(1, input.n)]) > 1\n");
        Path conflict = OpaBuild.bundle(dir, "conflict.tar.gz", List.of("app/deny"), List.of(), "conflict.rego");
        Path loop = OpaBuild.bundle(dir, "loop.tar.gz", List.of("app/deny"), List.of(), "loop.rego");
        Path oom = OpaBuild.bundle(dir, "oom.tar.gz", List.of("app/deny"), List.of(), "oom.rego");
        Path input = Files.writeString(dir.resolve("input.json"), "{\"a\": true, \"b\": true, \"n\": 200000000}");

        assertOneLine(
                gate("policy", "eval", "--policy", conflict.toString(), "--input", input.toString()),
                conflict + ": policy.wasm aborted: opa_abort - conflict.rego:5:1: var assignment conflict");
        long start = System.nanoTime();
        assertOneLine(
                gate("policy", "eval", "--policy", loop.toString(), "--input", input.toString(), "--timeout", "1s"),
                loop + ": policy.wasm exceeded the time limit of 1000 ms");
        assertTrue(System.nanoTime() - start < 10_000_000_000L, "bounded by --timeout");
        assertOneLine(
                gate("policy", "eval", "--policy", oom.toString(), "--input", input.toString(), "--timeout", "60s"),
                oom + ": policy.wasm ran out of memory (limit 512 MiB)");
    }

    @Test
    void aBuiltinNoOneSuppliesRefusesTheBundleAtLoadAndInspectSaysSo() throws Exception {
        // An organisation's own builtin, declared to opa build through its capabilities: neither engine has it.
        ObjectNode capabilities = (ObjectNode) JSON.readTree(OpaBuild.run(
                dir,
                List.of(dev.gate.image.testing.JudgeTools.require("opa").toString(), "capabilities", "--current")));
        ObjectNode custom = ((com.fasterxml.jackson.databind.node.ArrayNode) capabilities.get("builtins")).addObject();
        custom.put("name", "acme.approved");
        ObjectNode decl = custom.putObject("decl");
        decl.put("type", "function");
        decl.putArray("args").addObject().put("type", "string");
        decl.putObject("result").put("type", "boolean");
        Files.writeString(dir.resolve("capabilities.json"), capabilities.toString());
        OpaBuild.write(dir, "acme.rego", "package app\n\ndeny contains \"bad\" if not acme.approved(input.image)\n");
        Path acme = OpaBuild.bundle(
                dir, "acme.tar.gz", List.of("app/deny"), List.of("--capabilities", "capabilities.json"), "acme.rego");
        Path input = Files.writeString(dir.resolve("input.json"), "{}");
        assertOneLine(
                gate("policy", "eval", "--policy", acme.toString(), "--input", input.toString()),
                acme + ": policy.wasm calls builtin acme.approved, which neither gate nor opa-java-wasm provides");
        Run inspect = gate("policy", "inspect", acme.toString());
        assertEquals(1, inspect.code(), inspect.toString());
        assertTrue(inspect.out().matches("(?s).*acme\\.approved +missing.*"), inspect.out());
        assertTrue(inspect.out().contains("runs in gate: no: calls acme.approved"), inspect.out());
    }

    @Test
    void inspectListsEntrypointsRootsRevisionAndBuiltins() throws Exception {
        Path bundle = prodBundle("--revision", "r7");
        Run run = gate("policy", "inspect", bundle.toString());
        assertEquals(0, run.code(), run.toString());
        String out = run.out();
        assertTrue(out.contains("revision:    r7"), out);
        assertTrue(out.contains("roots:       \"\""), out);
        assertTrue(out.matches("(?s).*gate/prod/deny_latest +failure rule of gate\\.prod.*"), out);
        assertTrue(out.matches("(?s).*gate/prod/exception +exception of gate\\.prod.*"), out);
        assertTrue(out.matches("(?s).*gate/prod/registry_host +not a decision rule.*"), out);
        assertTrue(out.matches("(?s).*sprintf +gate.*"), out);
        assertTrue(out.contains("runs in gate: yes"), out);
        JsonNode json = JSON.readTree(
                gate("policy", "inspect", "-o", "json", bundle.toString()).out());
        assertEquals("gate", json.at("/builtins/time.parse_rfc3339_ns").asText());
        assertTrue(json.path("runs").asBoolean());
    }

    /** Each SARIF result as rule id, level and message, sorted (a bundle locates by entrypoint, not by line). */
    private static List<String> sarifResults(Path sarif) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        for (JsonNode r : JSON.readTree(sarif.toFile()).at("/runs/0/results")) {
            out.add(r.path("ruleId").asText() + " " + r.path("level").asText() + " "
                    + r.at("/message/text").asText());
        }
        java.util.Collections.sort(out);
        assertFalse(out.isEmpty());
        return out;
    }

    private static void assertOneLine(Run run, String expected) {
        assertEquals(2, run.code(), run.toString());
        assertTrue(run.err().startsWith("gate: "), run.toString());
        assertEquals(1, run.err().lines().count(), "one line: " + run.err());
        assertTrue(run.err().contains(expected), "wanted " + expected + " in: " + run.err());
        assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), run.err());
    }

    private Run gate(String... args) {
        return InProcessGate.gate(environment, args);
    }
}
