package dev.gate.policy.wasm;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.gate.image.testing.JudgeTools;
import dev.gate.image.testing.TestMaterial;
import dev.gate.policy.PolicyEngine;
import dev.gate.policy.PolicyException;
import dev.gate.policy.conformance.ConformanceCase;
import dev.gate.policy.conformance.ConformanceRunner;
import dev.gate.policy.conformance.ResultMatcher;
import dev.gate.policy.value.JsonValues;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.Value;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The second opinion: every shared OPA conformance case the wasm target can express (a query {@code data.P = x} over
 * a rule, JSON input, no expected error) is built by the installed {@code opa build -t wasm -e P}, run through
 * opa-java-wasm with gate's builtins, and must give OPA's wanted answer, as gate's Rego engine does. Known
 * opa-java-wasm deviations are listed, with their reason, in {@code wasm-conformance-deviations.txt} (and README);
 * a listed case that starts agreeing fails, so the list stays true.
 */
class WasmConformanceTest {
    private static final Pattern RULE_QUERY = Pattern.compile("data\\.([A-Za-z_]\\w*(?:\\.[A-Za-z_]\\w*)*) = x");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    static Path work;

    @TestFactory
    Stream<DynamicTest> wasmAgreesWithOpaAndGate() throws IOException {
        Path opa = JudgeTools.require("opa");
        Path root = TestMaterial.shared("opa-conformance/v1");
        Map<String, String> deviations = deviations();
        List<ConformanceCase> cases = ConformanceCase.loadAll(root).stream()
                .filter(WasmConformanceTest::expressible)
                .toList();
        int[] n = {0};
        return cases.stream()
                .map(c -> DynamicTest.dynamicTest(c.id(root), () -> {
                    String id = c.id(root);
                    String outcome = runWasm(opa, c, work.resolve("case-" + n[0]++));
                    if (outcome == null) {
                        if (deviations.containsKey(id))
                            fail(id + " agrees now: take it off wasm-conformance-deviations.txt and the README");
                        return;
                    }
                    if (outcome.startsWith("opa build: ")) Assumptions.abort(outcome);
                    if (deviations.containsKey(id)) {
                        Assumptions.abort("known opa-java-wasm deviation (" + deviations.get(id) + "): " + outcome);
                    }
                    fail(id + ": " + outcome);
                }));
    }

    static boolean expressible(ConformanceCase c) {
        return !c.expectsError()
                && c.inputTerm() == null
                && !c.strictError()
                && RULE_QUERY.matcher(c.query()).matches();
    }

    /** Null when wasm gives OPA's answer (and gate's Rego engine agrees); otherwise what differed. */
    static String runWasm(Path opa, ConformanceCase c, Path dir) throws Exception {
        Matcher m = RULE_QUERY.matcher(c.query());
        if (!m.matches()) throw new IllegalArgumentException(c.query());
        String entrypoint = m.group(1).replace('.', '/');
        Files.createDirectories(dir);
        List<String> cmd = new ArrayList<>(
                List.of(opa.toString(), "build", "-t", "wasm", "-e", entrypoint, "-o", "bundle.tar.gz"));
        for (int i = 0; i < c.modules().size(); i++) {
            Files.writeString(dir.resolve("test-" + i + ".rego"), c.modules().get(i));
            cmd.add("test-" + i + ".rego");
        }
        try {
            OpaBuild.run(dir, cmd);
        } catch (AssertionError e) {
            return "opa build: " + e.getMessage().lines().reduce((a, b) -> b).orElse("");
        }
        Value data = c.data() == null || c.data().isNull() ? ObjectValue.EMPTY : JsonValues.fromJson(c.data());
        Value input = c.input() == null ? null : JsonValues.fromJson(c.input());
        List<Value> rows = new ArrayList<>();
        try {
            WasmEngine engine = WasmEngine.load(
                    Bundle.read(dir.resolve("bundle.tar.gz")), data, WasmEngine.DEFAULT_MAX_MEMORY_PAGES);
            for (PolicyEngine.ResultRow row : engine.evaluate(
                    c.query().substring(0, c.query().indexOf(' ')), input, new PolicyEngine.Options(TIMEOUT, false))) {
                Map<String, Value> binding = new LinkedHashMap<>();
                binding.put("x", row.expressions().get(0));
                rows.add(ObjectValue.ofStrings(binding));
            }
        } catch (IllegalArgumentException e) {
            return "refused at load: " + e.getMessage();
        } catch (PolicyException e) {
            return "error " + e.code() + ": " + e.getMessage();
        }
        if (!ResultMatcher.matches(c.wantResult(), rows, c.sortBindings()))
            return "wanted " + c.wantResult() + ", wasm gave " + rows;
        ConformanceRunner.Outcome rego = ConformanceRunner.run(c);
        assertTrue(rego.passed(), () -> "wasm agrees with OPA but gate's Rego engine does not: " + rego.detail());
        return null;
    }

    /** Case id to the reason it deviates, from {@code wasm-conformance-deviations.txt} ({@code id  # reason} lines). */
    static Map<String, String> deviations() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (InputStream in = WasmConformanceTest.class.getResourceAsStream("/wasm-conformance-deviations.txt")) {
            if (in == null) return out;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) continue;
                int hash = line.indexOf("  # ");
                out.put(
                        (hash < 0 ? line : line.substring(0, hash)).strip(),
                        hash < 0 ? "" : line.substring(hash + 4).strip());
            }
        }
        return out;
    }
}
