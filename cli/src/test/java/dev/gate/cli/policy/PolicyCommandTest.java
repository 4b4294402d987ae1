package dev.gate.cli.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.cli.InProcessGate;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyCommandTest {

    private static final Path ROOT = Path.of(System.getProperty("gate.root", ".."));
    private static final Path POLICIES = ROOT.resolve("policies");
    private static final Path DATA = POLICIES.resolve("data.example.yaml");

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private int run(String... args) {
        InProcessGate.Run run = InProcessGate.gate(args);
        out.write(run.out());
        err.write(run.err());
        return run.code();
    }

    private Path input(String tag, String user) throws IOException {
        String json = """
                {"image": {"ref": "registry.example.com/payments/api:%1$s", "registry": "registry.example.com",
                  "repository": "payments/api", "namespace": "payments", "name": "api", "tag": "%1$s",
                  "digest": "sha256:0000000000000000000000000000000000000000000000000000000000000001",
                  "config": {"user": "%2$s", "labels": {"org.opencontainers.image.source": "https://example.com/x",
                    "org.opencontainers.image.revision": "abc"}}},
                 "sbom": {"components": []}, "vulnerabilities": [],
                 "context": {"time": "2026-06-30T00:00:00Z", "params": {}}}
                """.formatted(tag, user);
        Path f = dir.resolve(tag + "-" + user + ".json");
        Files.writeString(f, json);
        return f;
    }

    @Test
    void shippedPoliciesPassTheirOwnTests() {
        assertEquals(0, run("policy", "test", POLICIES.toString()), out + "\n" + err);
        assertTrue(out.toString().contains("PASS: "), out.toString());
        assertFalse(out.toString().contains("FAIL"), out.toString());
    }

    @Test
    void compliantInputIsAllowedAndLatestAsRootIsDenied() throws IOException {
        assertEquals(
                0,
                run(
                        "policy",
                        "eval",
                        "--policy",
                        POLICIES.resolve("prod.rego").toString(),
                        "--data",
                        DATA.toString(),
                        "--input",
                        input("v1.2.3", "10001").toString()),
                out + "\n" + err);
        out.getBuffer().setLength(0);
        assertEquals(
                1,
                run(
                        "policy",
                        "eval",
                        "--policy",
                        POLICIES.resolve("prod.rego").toString(),
                        "--data",
                        DATA.toString(),
                        "--input",
                        input("latest", "root").toString()));
        String text = out.toString();
        assertTrue(text.contains("FAIL - ") && text.contains("gate.prod.deny_latest"), text);
        assertTrue(text.contains("gate.prod.deny_root"), text);
        assertTrue(text.contains("prod.rego:"), "each failure names its rule's location: " + text);
    }

    @Test
    void decisionAsJson() throws IOException {
        assertEquals(
                1,
                run(
                        "policy",
                        "eval",
                        "--policy",
                        POLICIES.toString(),
                        "--data",
                        DATA.toString(),
                        "--input",
                        input("latest", "10001").toString(),
                        "--output",
                        "json"));
        JsonNode doc = new ObjectMapper().readTree(out.toString());
        assertFalse(doc.get("allowed").asBoolean());
        assertEquals("deny_latest", doc.get("failures").get(0).get("rule").asText());
        assertTrue(doc.get("warnings").size() > 0, "baseline.rego warns about the same image");
    }

    @Test
    void queryResultsInOpaEvalShape() throws IOException {
        assertEquals(
                0,
                run(
                        "policy",
                        "eval",
                        "--policy",
                        POLICIES.resolve("prod.rego").toString(),
                        "--input",
                        input("latest", "10001").toString(),
                        "--query",
                        "x := data.gate.prod.deny_latest; count(x) > 0",
                        "--output",
                        "json"));
        JsonNode doc = new ObjectMapper().readTree(out.toString());
        JsonNode row = doc.get("result").get(0);
        assertEquals(
                "x := data.gate.prod.deny_latest",
                row.get("expressions").get(0).get("text").asText());
        assertTrue(row.get("expressions").get(1).get("value").asBoolean());
        assertEquals(
                "tag \"latest\" is not allowed: use a semantic version",
                row.get("bindings").get("x").get(0).asText());
    }

    @Test
    void undefinedQueryIsAnEmptyObjectAndErrorsAreJsonWithCodeAndLocation() throws IOException {
        Path bad = dir.resolve("bad.rego");
        Files.writeString(bad, "package bad\n\nq := 1 if input.a\nq := 2 if input.a\n");
        Path in = dir.resolve("in.json");
        Files.writeString(in, "{\"a\": true}");
        assertEquals(
                0,
                run(
                        "policy",
                        "eval",
                        "-p",
                        bad.toString(),
                        "-i",
                        in.toString(),
                        "-q",
                        "data.bad.nothing",
                        "-o",
                        "json"));
        assertEquals("{ }", out.toString().strip());
        out.getBuffer().setLength(0);
        assertEquals(
                2, run("policy", "eval", "-p", bad.toString(), "-i", in.toString(), "-q", "data.bad.q", "-o", "json"));
        JsonNode error =
                new ObjectMapper().readTree(out.toString()).get("errors").get(0);
        assertEquals("eval_conflict_error", error.get("code").asText());
        assertEquals(3, error.get("location").get("row").asInt());
    }

    @Test
    void checkReportsEveryFileWithAnError() throws IOException {
        Files.writeString(dir.resolve("a.rego"), "package a\n\np if {\n");
        Files.writeString(dir.resolve("b.rego"), "package b\n\nq := [1,\n");
        Files.writeString(dir.resolve("c.rego"), "package c\n\nr := 1\n");
        assertEquals(2, run("policy", "check", dir.toString()));
        String errors = err.toString();
        assertTrue(errors.contains(dir.resolve("a.rego") + ":4:1"), errors);
        assertTrue(errors.contains(dir.resolve("b.rego") + ":4:1"), errors);
        assertTrue(out.toString().contains("2 errors in 3 files"), out.toString());
        out.getBuffer().setLength(0);
        assertEquals(0, run("policy", "check", POLICIES.toString()));
    }

    @Test
    void checkListsEveryCompileErrorOfPackagesSplitOverFiles() throws IOException {
        Files.writeString(dir.resolve("m0.rego"), "package gen\n\na := count(b)\n\nc := 1 + \"a\"\n");
        Files.writeString(dir.resolve("m1.rego"), "package gen\n\nb contains 1\n\nd if {\n  1 = \"a\"\n}\n");
        assertEquals(2, run("policy", "check", dir.toString()));
        String errors = err.toString();
        assertTrue(errors.contains(dir.resolve("m0.rego") + ":5:1: plus: invalid argument(s)"), errors);
        assertTrue(errors.contains(dir.resolve("m1.rego") + ":6:3: match error"), errors);
        assertTrue(out.toString().contains("2 errors in 2 files"), out.toString());
        Files.writeString(dir.resolve("m0.rego"), "package gen\n\na := count(b)\n");
        Files.writeString(dir.resolve("m1.rego"), "package gen\n\nb contains 1\n");
        Path in = dir.resolve("in.json");
        Files.writeString(in, "{}");
        out.getBuffer().setLength(0);
        assertEquals(
                0,
                run("policy", "eval", "-p", dir.toString(), "-i", in.toString(), "-q", "data.gen.a", "-o", "json"),
                err.toString());
        JsonNode result =
                new ObjectMapper().readTree(out.toString()).get("result").get(0);
        assertEquals(1, result.get("expressions").get(0).get("value").asInt(), out.toString());
    }

    @Test
    void strictCheckRefusesUnusedArgumentsAndAssignments() throws IOException {
        Files.writeString(dir.resolve("s.rego"), "package s\n\nf(x) := 1\n\nr if {\n  y := 1\n  input.a\n}\n");
        assertEquals(0, run("policy", "check", dir.toString()), err.toString());
        out.getBuffer().setLength(0);
        assertEquals(2, run("policy", "check", "--strict", dir.toString()));
        String errors = err.toString();
        assertTrue(errors.contains(dir.resolve("s.rego") + ":3:1: unused argument x."), errors);
        assertTrue(errors.contains(dir.resolve("s.rego") + ":6:3: assigned var y unused"), errors);
        assertTrue(out.toString().contains("2 errors in 1 file"), out.toString());
    }

    @Test
    void regoV0PoliciesAreReadWhenAskedFor() throws IOException {
        Files.writeString(
                dir.resolve("v0.rego"),
                "package gate.legacy\n\ndeny[msg] { input.image.tag == \"latest\"; msg := \"no latest\" }\n");
        Files.writeString(
                dir.resolve("v0_test.rego"),
                "package gate.legacy\n\ntest_latest { deny[\"no latest\"] with input as {\"image\": {\"tag\": \"latest\"}} }\n");
        assertEquals(2, run("policy", "check", dir.toString()));
        assertTrue(err.toString().contains("this is Rego v0 syntax: read it with --rego-version v0"), err.toString());
        assertEquals(0, run("policy", "check", "--rego-version", "v0", dir.toString()), err.toString());
        assertEquals(0, run("policy", "test", "--v0-compatible", dir.toString()), out + "\n" + err);
        assertTrue(out.toString().contains("PASS: 1/1"), out.toString());
        assertEquals(
                1,
                run(
                        "policy",
                        "eval",
                        "--rego-version",
                        "v0",
                        "--policy",
                        dir.resolve("v0.rego").toString(),
                        "--input",
                        input("latest", "app").toString()),
                out + "\n" + err);
        assertEquals(2, run("policy", "check", "--rego-version", "v2", dir.toString()));
        assertTrue(err.toString().contains("--rego-version: unknown Rego version v2: use v0 or v1"), err.toString());
    }

    @Test
    void checkWithASchemaRefusesReferencesTheInputCannotHave() throws IOException {
        Path schema = ROOT.resolve("docs/policy-input.schema.json");
        assertEquals(0, run("policy", "check", "--schema", schema.toString(), POLICIES.toString()), err.toString());
        Files.writeString(
                dir.resolve("typo.rego"),
                "package gate.typo\n\ndeny contains \"x\" if input.image.tagg == \"latest\"\n");
        assertEquals(0, run("policy", "check", dir.toString()), err.toString());
        assertEquals(2, run("policy", "check", "--schema", schema.toString(), dir.toString()));
        assertTrue(err.toString().contains("typo.rego:3:22: undefined ref: input.image.tagg"), err.toString());
        assertEquals(
                2, run("policy", "check", "--schema", dir.resolve("none.json").toString(), dir.toString()));
        assertTrue(err.toString().contains("none.json: no such schema file or folder"), err.toString());
    }

    @Test
    void evalAndTestTakeASchemaAsCheckDoes() throws IOException {
        Path schema = ROOT.resolve("docs/policy-input.schema.json");
        Path typo = Files.writeString(
                dir.resolve("typo.rego"),
                "package gate.typo\n\ndeny contains \"x\" if input.image.tagg == \"latest\"\n");
        Path in = input("latest", "app");
        assertEquals(
                0,
                run("policy", "eval", "-p", typo.toString(), "-i", in.toString(), "-q", "data.gate.typo.deny"),
                err.toString());
        assertEquals(
                2,
                run(
                        "policy",
                        "eval",
                        "--schema",
                        schema.toString(),
                        "-p",
                        typo.toString(),
                        "-i",
                        in.toString(),
                        "-q",
                        "data.gate.typo.deny"));
        assertTrue(err.toString().contains("undefined ref: input.image.tagg"), err.toString());
        Files.writeString(dir.resolve("typo_test.rego"), "package gate.typo\n\ntest_nothing if count(deny) == 0\n");
        assertEquals(0, run("policy", "test", dir.toString()), out + "\n" + err);
        assertEquals(2, run("policy", "test", "--schema", schema.toString(), dir.toString()));
        assertEquals(
                0,
                run(
                        "policy",
                        "eval",
                        "--schema",
                        schema.toString(),
                        "--policy",
                        POLICIES.resolve("prod.rego").toString(),
                        "--data",
                        DATA.toString(),
                        "--input",
                        input("v1.2.3", "10001").toString()),
                out + "\n" + err);
    }

    @Test
    void fmtRewritesV0AsV1AndLeavesFormattedFilesAlone() throws IOException {
        Path v0 = Files.writeString(
                dir.resolve("legacy.rego"),
                "package gate.legacy\nimport future.keywords.in\n"
                        + "deny[msg] { input.image.tag in {\"latest\"}; msg := \"no latest\" }\n");
        String v1 =
                "package gate.legacy\n\nimport rego.v1\n\ndeny contains msg if {\n\tinput.image.tag in {\"latest\"}\n\tmsg := \"no latest\"\n}\n";
        assertEquals(0, run("policy", "fmt", "--rego-v1", v0.toString()), err.toString());
        assertEquals(v1, out.toString());
        assertEquals(1, run("policy", "fmt", "--rego-v1", "--fail", "-l", v0.toString()));
        assertTrue(out.toString().endsWith(v0 + "\n"), out.toString());
        assertEquals(0, run("policy", "fmt", "--rego-v1", "-w", v0.toString()));
        assertEquals(v1, Files.readString(v0));
        assertEquals(0, run("policy", "fmt", "--fail", v0.toString()), out.toString());
        assertEquals(0, run("policy", "check", v0.toString()), err.toString());
    }

    @Test
    void fmtKeepsV0AsV0WhenReadAsV0() throws IOException {
        Path v0 = Files.writeString(
                dir.resolve("legacy.rego"),
                "package gate.legacy\n" + "deny[msg] { input.image.tag == \"latest\"; msg := \"no latest\" }\n");
        assertEquals(2, run("policy", "fmt", v0.toString()));
        assertEquals(0, run("policy", "fmt", "--v0-compatible", v0.toString()), err.toString());
        assertEquals(
                "package gate.legacy\n\ndeny[msg] {\n\tinput.image.tag == \"latest\"\n\tmsg := \"no latest\"\n}\n",
                out.toString());
    }

    @Test
    void failingAndErroringTestsExitOne() throws IOException {
        Files.writeString(
                dir.resolve("x_test.rego"),
                "package x\n\ntest_ok if true\ntest_bad if false\n"
                        + "test_err if 1 / 0 == 1\ntodo_test_later if false\n");
        assertEquals(1, run("policy", "test", dir.toString(), "-v"));
        String text = out.toString();
        assertTrue(text.contains("data.x.test_ok: PASS"), text);
        assertTrue(text.contains("data.x.test_bad: FAIL"), text);
        assertTrue(text.contains("PASS: 1/4") && text.contains("FAIL: 2/4") && text.contains("SKIPPED: 1/4"), text);
        out.getBuffer().setLength(0);
        assertEquals(0, run("policy", "test", dir.toString(), "--run", "test_ok"));
    }

    @Test
    void badInputIsOneLineAndExitTwo() throws IOException {
        Path in = dir.resolve("broken.json");
        Files.writeString(in, "{\"a\": ");
        assertEquals(2, run("policy", "eval", "-p", POLICIES.toString(), "-i", in.toString()));
        assertTrue(err.toString().startsWith("gate: " + in + ": malformed JSON"), err.toString());
        assertEquals(1, err.toString().strip().split("\n").length, err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, run("policy", "eval", "-p", dir.resolve("missing.rego").toString(), "-i", in.toString()));
        assertTrue(err.toString().contains("missing.rego: no such policy file or directory"), err.toString());
    }
}
