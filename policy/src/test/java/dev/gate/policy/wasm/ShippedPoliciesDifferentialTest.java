package dev.gate.policy.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.image.testing.JudgeTools;
import dev.gate.policy.Policies;
import dev.gate.policy.PolicySet;
import dev.gate.policy.decision.Decision;
import dev.gate.policy.decision.EvaluatedRule;
import dev.gate.policy.decision.RuleResult;
import dev.gate.policy.value.JsonValues;
import dev.gate.policy.value.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every shipped policy ({@code policies/*.rego}) built by the installed {@code opa build -t wasm} decides, through
 * opa-java-wasm, exactly as gate's Rego engine decides from the source, and each rule's messages are those
 * {@code opa eval} gives on the same source, data and input: three opinions on inputs that trip every rule.
 */
class ShippedPoliciesDifferentialTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @TempDir
    static Path work;

    @TestFactory
    Stream<DynamicTest> eachShippedPolicyDecidesAlikeInBothEnginesAndAsOpaEval() throws Exception {
        Path opa = JudgeTools.require("opa");
        Path data = ROOT.resolve("policies/data.example.yaml");
        List<Path> shipped;
        try (Stream<Path> files = Files.list(ROOT.resolve("policies"))) {
            shipped = files.filter(
                            f -> f.toString().endsWith(".rego") && !f.toString().endsWith("_test.rego"))
                    .sorted()
                    .toList();
        }
        assertFalse(shipped.isEmpty());
        List<DynamicTest> tests = new ArrayList<>();
        for (Path policy : shipped) {
            for (Map.Entry<String, ObjectNode> input : inputs().entrySet()) {
                tests.add(DynamicTest.dynamicTest(
                        policy.getFileName() + " / " + input.getKey(),
                        () -> compare(opa, policy, data, input.getValue())));
            }
        }
        return tests.stream();
    }

    private static void compare(Path opa, Path policy, Path data, ObjectNode input) throws Exception {
        PolicySet rego = PolicySet.load(List.of(policy), List.of(data));
        String pkg = rego.engine().outline().packages().get(0);
        Path dir = work.resolve(policy.getFileName().toString());
        if (!Files.exists(dir.resolve("bundle.tar.gz"))) {
            Files.createDirectories(dir);
            Files.copy(policy, dir.resolve(policy.getFileName()));
            OpaBuild.bundle(
                    dir, List.of(pkg.replace('.', '/')), policy.getFileName().toString());
        }
        Policies wasm = Policies.load(List.of(dir.resolve("bundle.tar.gz")), List.of(data), Policies.Engine.WASM, null);
        Value in = JsonValues.fromJson(input);
        Decision fromRego = rego.decide(in, Optional.empty(), TIMEOUT);
        Decision fromWasm = wasm.decide(in, Optional.empty(), TIMEOUT);
        assertEquals(outcome(fromRego), outcome(fromWasm));

        Path inputFile = dir.resolve("input.json");
        Files.writeString(inputFile, JSON.writeValueAsString(input));
        String out = OpaBuild.run(
                dir,
                List.of(
                        opa.toString(),
                        "eval",
                        "--format",
                        "json",
                        "-d",
                        policy.toString(),
                        "-d",
                        data.toString(),
                        "-i",
                        inputFile.toString(),
                        "data." + pkg));
        JsonNode doc = JSON.readTree(out).at("/result/0/expressions/0/value");
        for (EvaluatedRule r : fromWasm.rules()) {
            TreeSet<String> byOpa = new TreeSet<>();
            doc.path(r.rule())
                    .forEach(m ->
                            byOpa.add(m.isTextual() ? m.asText() : m.path("msg").asText()));
            TreeSet<String> byWasm = new TreeSet<>();
            Stream.of(fromWasm.failures(), fromWasm.warnings(), fromWasm.exempted())
                    .flatMap(List::stream)
                    .filter(m -> m.rule().equals(r.rule()))
                    .forEach(m -> byWasm.add(m.message()));
            assertEquals(byOpa, byWasm, r.rule() + " as opa eval gives it");
        }
        assertTrue(fromWasm.rules().size() >= 5, "the package's rules were evaluated: " + fromWasm.rules());
    }

    /** What must agree: every message by kind and rule, and every rule's outcome; not locations or listing order. */
    private static Map<String, Object> outcome(Decision d) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("failures", messages(d.failures()));
        out.put("warnings", messages(d.warnings()));
        out.put("exempted", messages(d.exempted()));
        TreeMap<String, String> rules = new TreeMap<>();
        for (EvaluatedRule r : d.rules())
            rules.put(
                    r.namespace() + "." + r.rule(), r.kind() + " " + r.messages() + (r.exempted() ? " exempted" : ""));
        out.put("rules", rules);
        return out;
    }

    private static TreeSet<String> messages(List<RuleResult> results) {
        TreeSet<String> out = new TreeSet<>();
        for (RuleResult r : results) out.add(r.namespace() + "." + r.rule() + ": " + r.message() + " " + r.metadata());
        return out;
    }

    /** A compliant image and one variant per rule it can trip, plus the benchmark's 2,000 components and 500 findings. */
    static Map<String, ObjectNode> inputs() {
        Map<String, ObjectNode> out = new LinkedHashMap<>();
        out.put("compliant", compliant());
        out.put(
                "latest tag",
                with(i -> image(i).put("tag", "latest").put("ref", "registry.example.com/payments/api:latest")));
        out.put("no tag", with(i -> image(i).remove("tag")));
        out.put("not semver", with(i -> image(i).put("tag", "release-7")));
        out.put(
                "other registry",
                with(i -> image(i).put("registry", "docker.io").put("ref", "docker.io/payments/api:v1.2.3")));
        out.put(
                "registry with port",
                with(i -> image(i).put("registry", "localhost:5000").put("ref", "localhost:5000/payments/api:v1.2.3")));
        out.put("uppercase ref", with(i -> image(i).put("ref", "registry.example.com/Payments/API:v1.2.3")));
        out.put("root user", with(i -> config(i).put("user", "0:0")));
        out.put("no user", with(i -> config(i).remove("user")));
        out.put("no labels", with(i -> config(i).remove("labels")));
        out.put("root, exempted", with(i -> {
            config(i).put("user", "root");
            image(i).put("repository", "legacy/batch-job");
        }));
        out.put(
                "fixable critical",
                with(i -> vulnerabilities(i).add(vuln("CVE-2026-1", "CRITICAL", true, "2026-06-01T00:00:00Z"))));
        out.put("stale high", with(i -> {
            vulnerabilities(i).add(vuln("CVE-2026-2", "HIGH", true, "2026-01-01T00:00:00Z"));
            vulnerabilities(i).add(vuln("CVE-2026-3", "HIGH", true, "2026-06-25T00:00:00Z"));
            vulnerabilities(i).add(vuln("CVE-2026-4", "CRITICAL", false, null));
        }));
        out.put("stale high, params", with(i -> {
            vulnerabilities(i).add(vuln("CVE-2026-3", "HIGH", true, "2026-06-25T00:00:00Z"));
            ((ObjectNode) i.path("context")).putObject("params").put("high_fix_max_days", "2");
        }));
        out.put("denied licence", with(i -> ((ArrayNode) i.at("/sbom/components/0/licenses")).add("AGPL-3.0-only")));
        out.put("2,000 components, 500 findings", large(2000, 500));
        return out;
    }

    private static ObjectNode compliant() {
        ObjectNode i = JSON.createObjectNode();
        ObjectNode image = i.putObject("image")
                .put("ref", "registry.example.com/payments/api:v1.2.3")
                .put("registry", "registry.example.com")
                .put("repository", "payments/api")
                .put("namespace", "payments")
                .put("name", "api")
                .put("tag", "v1.2.3")
                .put("digest", "sha256:" + "1".repeat(64));
        image.putObject("config")
                .put("user", "10001")
                .putObject("labels")
                .put("org.opencontainers.image.source", "https://example.com/api")
                .put("org.opencontainers.image.revision", "4f2c1d0");
        ObjectNode c = i.putObject("sbom")
                .put("format", "CycloneDX")
                .putArray("components")
                .addObject();
        c.put("type", "library")
                .put("name", "openssl")
                .put("version", "3.0.15")
                .putArray("licenses")
                .add("Apache-2.0");
        i.putArray("vulnerabilities");
        i.putObject("context").put("time", "2026-06-30T00:00:00Z").putObject("params");
        return i;
    }

    private static ObjectNode with(Consumer<ObjectNode> change) {
        ObjectNode i = compliant();
        change.accept(i);
        return i;
    }

    private static ObjectNode image(ObjectNode i) {
        return (ObjectNode) i.path("image");
    }

    private static ObjectNode config(ObjectNode i) {
        return (ObjectNode) i.at("/image/config");
    }

    private static ArrayNode vulnerabilities(ObjectNode i) {
        return (ArrayNode) i.path("vulnerabilities");
    }

    static ObjectNode vuln(String id, String severity, boolean fixed, String fixPublished) {
        ObjectNode v =
                JSON.createObjectNode().put("id", id).put("severity", severity).put("fixAvailable", fixed);
        v.putObject("package").put("name", "openssl").put("version", "3.0.11");
        ArrayNode versions = v.putArray("fixedVersions");
        if (fixed) versions.add("3.0.15");
        if (fixPublished == null) v.putNull("fixPublished");
        else v.put("fixPublished", fixPublished);
        return v;
    }

    /** The benchmark's shape (bench/policy/make-input.py): many components and findings, some fixable. */
    static ObjectNode large(int components, int findings) {
        ObjectNode i = compliant();
        ArrayNode list = (ArrayNode) i.at("/sbom/components");
        String[] licences = {"MIT", "Apache-2.0", "GPL-2.0-only", "BSD-3-Clause"};
        for (int n = 0; n < components; n++) {
            ObjectNode c = list.addObject()
                    .put("type", "library")
                    .put("name", "pkg" + n)
                    .put("version", "1." + n % 50 + "." + n % 7)
                    .put(
                            "purl",
                            "pkg:deb/debian/pkg" + n + "@1." + n % 50 + "." + n % 7 + "?arch=amd64&distro=debian-12")
                    .put("ecosystem", "deb");
            c.putArray("licenses").add(licences[n % licences.length]);
        }
        String[] severities = {"CRITICAL", "HIGH", "MEDIUM", "LOW", "UNKNOWN"};
        for (int n = 0; n < findings; n++) {
            boolean fixed = n % 3 == 0;
            vulnerabilities(i)
                    .add(vuln(
                            "CVE-2026-" + (10000 + n),
                            severities[n % severities.length],
                            fixed,
                            fixed ? "2026-0" + (1 + n % 6) + "-15T00:00:00Z" : null));
        }
        return i;
    }
}
