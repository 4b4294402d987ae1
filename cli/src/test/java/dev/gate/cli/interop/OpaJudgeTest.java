package dev.gate.cli.interop;

import static dev.gate.cli.InProcessGate.gate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.cli.InProcessGate.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OPA as the judge of the shipped policies: {@code opa test} and {@code gate policy test} agree on every test,
 * {@code opa check --strict} and {@code gate policy check} accept them, and every rule of prod.rego and baseline.rego
 * has the same value in {@code opa eval} and {@code gate policy eval} on a seeded run of generated input documents.
 */
class OpaJudgeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DOCUMENTS = 24;
    private static final Pattern SUMMARY = Pattern.compile("PASS: (\\d+)/(\\d+)");

    @TempDir
    Path dir;

    Path root = Path.of(System.getProperty("gate.root", ".."));

    @Test
    void opaTestAndGatePolicyTestAgreeOnTheShippedPolicies() throws Exception {
        Tool opa = Tool.run("opa", root, Map.of(), "test", "policies/");
        Run ours = gate("policy", "test", root.resolve("policies").toString());
        assertEquals(0, opa.code(), opa.toString());
        assertEquals(0, ours.code(), ours.toString());
        assertEquals(passed(opa.output()), passed(ours.out() + ours.err()), "the same tests pass");
        assertEquals(
                0,
                Tool.run("opa", root, Map.of(), "check", "--strict", "policies/")
                        .code());
        assertEquals(
                0, gate("policy", "check", root.resolve("policies").toString()).code());
    }

    @Test
    void everyRuleHasOpasValueOnGeneratedInputs() throws Exception {
        Random random = new Random(20261202);
        for (int i = 0; i < DOCUMENTS; i++) {
            Path input = Files.write(dir.resolve("input-" + i + ".json"), JSON.writeValueAsBytes(document(random)));
            for (String pkg : List.of("prod", "baseline")) {
                String query = "{name: v | some name, v in data.gate." + pkg
                        + "; regex.match(\"^(deny|warn|violation)\", name)}";
                String policy = "policies/" + pkg + ".rego";
                Tool opa = Tool.run(
                        "opa",
                        root,
                        Map.of(),
                        "eval",
                        "-d",
                        policy,
                        "-d",
                        "policies/data.example.yaml",
                        "-i",
                        input.toString(),
                        "-f",
                        "json",
                        query);
                assertEquals(0, opa.code(), opa.toString());
                Run ours = gate(
                        "policy",
                        "eval",
                        "-p",
                        root.resolve(policy).toString(),
                        "-d",
                        root.resolve("policies/data.example.yaml").toString(),
                        "-i",
                        input.toString(),
                        "-o",
                        "json",
                        "-q",
                        query);
                assertEquals(0, ours.code(), ours.toString());
                assertEquals(value(opa.output()), value(ours.out()), pkg + " on " + Files.readString(input));
            }
        }
    }

    private static String passed(String output) {
        Matcher m = SUMMARY.matcher(output);
        assertTrue(m.find(), output);
        return m.group(0);
    }

    private static JsonNode value(String evalJson) throws Exception {
        return JSON.readTree(evalJson).at("/result/0/expressions/0/value");
    }

    /** An input document with each part drawn from values that pass and values that fail the shipped rules. */
    private static ObjectNode document(Random random) {
        ObjectNode doc = JSON.createObjectNode();
        String registry = pick(random, "registry.example.com", "docker.io", "127.0.0.1:5000", "Registry.Example.com");
        String namespace = pick(random, "team", "", "Team");
        String tag = pick(random, "v1.2.3", "1.2.3", "latest", "1.2", "v1.0.0-rc.1+build.5", "");
        String repository = namespace.isEmpty() ? "app" : namespace + "/app";
        ObjectNode image = doc.putObject("image")
                .put("registry", registry)
                .put("repository", repository)
                .put("namespace", namespace)
                .put("name", "app")
                .put("tag", tag)
                .put("ref", registry + "/" + repository + (tag.isEmpty() ? "" : ":" + tag));
        ObjectNode config = image.putObject("config")
                .put("user", pick(random, "", "root", "0", "0:0", "1000", "app:app", "root:x"));
        ObjectNode labels = config.putObject("labels");
        if (random.nextBoolean()) {
            labels.put("org.opencontainers.image.source", "https://example.com/app");
        }
        if (random.nextBoolean()) {
            labels.put("org.opencontainers.image.revision", "abc123");
        }
        ObjectNode component = doc.putObject("sbom")
                .putArray("components")
                .addObject()
                .put("name", "lib")
                .put("version", "1.0");
        component.putArray("licenses").add(pick(random, "MIT", "AGPL-3.0-only", "SSPL-1.0", "Apache-2.0"));
        ObjectNode vuln = doc.putArray("vulnerabilities")
                .addObject()
                .put("id", "CVE-2026-" + random.nextInt(10000))
                .put("severity", pick(random, "CRITICAL", "HIGH", "MEDIUM", "LOW", "UNKNOWN"))
                .put("fixAvailable", random.nextBoolean())
                .put(
                        "fixPublished",
                        pick(random, "2026-01-01T00:00:00Z", "2026-06-20T00:00:00Z", "2026-06-29T23:00:00Z"));
        vuln.putArray("fixedVersions").add("1.1");
        vuln.putObject("package").put("name", "lib").put("version", "1.0");
        ObjectNode context = doc.putObject("context").put("time", "2026-06-30T00:00:00Z");
        ObjectNode params = context.putObject("params");
        if (random.nextBoolean()) {
            params.put("high_fix_max_days", pick(random, "7", "14", "60"));
        }
        return doc;
    }

    private static String pick(Random random, String... values) {
        return values[random.nextInt(values.length)];
    }
}
