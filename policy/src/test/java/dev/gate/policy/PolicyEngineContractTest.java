package dev.gate.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.policy.coverage.CoverageReport;
import dev.gate.policy.decision.Decision;
import dev.gate.policy.decision.DecisionRules;
import dev.gate.policy.decision.EvaluatedRule;
import dev.gate.policy.decision.RuleDoc;
import dev.gate.policy.eval.Coverage;
import dev.gate.policy.rego.RegoEngine;
import dev.gate.policy.testing.PolicyTests;
import dev.gate.policy.value.BooleanValue;
import dev.gate.policy.value.NumberValue;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;
import dev.gate.policy.wasm.Bundle;
import dev.gate.policy.wasm.OpaBuild;
import dev.gate.policy.wasm.WasmEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decision contract and the test runner ask an engine only what {@link PolicyEngine} offers: run over an engine
 * that is not gate's Rego interpreter (one that forwards to it, as a second engine would answer), they decide and
 * test exactly as over the interpreter itself.
 */
class PolicyEngineContractTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private static final List<PolicyEngine.Module> MODULES = List.of(
            new PolicyEngine.Module("lib.rego", """
                    package gate.lib

                    double(x) := 2 * x
                    """),
            new PolicyEngine.Module("images.rego", """
                    # METADATA
                    # title: Images
                    # scope: package
                    # custom:
                    #   severity: low
                    package gate.images

                    # METADATA
                    # title: No latest tag
                    # custom:
                    #   severity: high
                    deny_latest contains "latest tag" if input.tag == "latest"

                    warn contains "unsigned" if not input.signed

                    exception contains ["latest"] if input.legacy

                    test_latest_denied if deny_latest with input as {"tag": "latest"}

                    test_broken if deny_latest["other"] with input as {"tag": "latest"}

                    todo_test_later if true
                    """),
            new PolicyEngine.Module("lib_more.rego", """
                    package gate.lib

                    deny_size contains "too big" if double(input.size) > 10

                    limits.max := 5
                    """));

    private static RegoEngine rego() {
        RegoEngine engine = new RegoEngine(null);
        engine.load(MODULES, null);
        return engine;
    }

    @Test
    void outlineListsFilesPackagesInFirstAppearanceAndRulesADataReferenceReaches() {
        PolicyEngine.Outline outline = rego().outline();
        assertEquals(List.of("lib.rego", "images.rego", "lib_more.rego"), outline.files());
        assertEquals(List.of("gate.lib", "gate.images"), outline.packages());
        // double is a function and limits.max a two-part head: a reference into data does not reach them by name.
        assertEquals(
                List.of(
                        "gate.images.deny_latest@images.rego:12:1",
                        "gate.images.warn@images.rego:14:1",
                        "gate.images.exception@images.rego:16:1",
                        "gate.images.test_latest_denied@images.rego:18:1",
                        "gate.images.test_broken@images.rego:20:1",
                        "gate.images.todo_test_later@images.rego:22:1",
                        "gate.lib.deny_size@lib_more.rego:3:1"),
                outline.rules().stream()
                        .map(r -> r.pkg() + "." + r.name() + "@" + r.location())
                        .toList());
    }

    @Test
    void ruleDocsComeFromTheRuleThenItsPackage() {
        RegoEngine engine = rego();
        RuleDoc latest = engine.ruleDoc("gate.images", "deny_latest");
        assertEquals("HIGH: No latest tag", latest.headline());
        assertEquals("LOW: Images", engine.ruleDoc("gate.images", "warn").headline());
        assertEquals(RuleDoc.NONE, engine.ruleDoc("gate.lib", "deny_size"));
    }

    @Test
    void decisionsOverAnotherEngineEqualThoseOverTheInterpreter() {
        RegoEngine engine = rego();
        PolicyEngine other = new Forwarding(engine);
        Value input = ObjectValue.ofStrings(Map.of("tag", StringValue.of("latest"), "size", NumberValue.of(6)));
        Decision direct = DecisionRules.decide(engine, input, Optional.empty(), TIMEOUT);
        Decision forwarded = DecisionRules.decide(other, input, Optional.empty(), TIMEOUT);
        assertEquals(direct, forwarded);
        // Packages in the order they first appear (gate.lib's first file declares no decision rule).
        assertEquals(
                List.of("gate.lib.deny_size", "gate.images.deny_latest", "gate.images.warn"),
                forwarded.rules().stream()
                        .map(r -> r.namespace() + "." + r.rule())
                        .toList());
        assertEquals(
                List.of("too big", "latest tag"),
                forwarded.failures().stream().map(r -> r.message()).toList());
        assertEquals("HIGH: No latest tag", forwarded.failures().get(1).doc().headline());
        assertEquals(
                List.of("unsigned"),
                forwarded.warnings().stream().map(r -> r.message()).toList());

        Value legacy = ObjectValue.ofStrings(
                Map.of("tag", StringValue.of("latest"), "legacy", BooleanValue.TRUE, "signed", BooleanValue.TRUE));
        Decision exempt = DecisionRules.decide(other, legacy, Optional.of("gate.images"), TIMEOUT);
        assertEquals(
                List.of("latest tag"),
                exempt.exempted().stream().map(r -> r.message()).toList());
        assertTrue(exempt.rules().stream().allMatch(r -> r.namespace().equals("gate.images")));
        assertEquals(EvaluatedRule.Kind.FAILURE, exempt.rules().get(0).kind());

        PolicyException none = assertThrows(
                PolicyException.class, () -> DecisionRules.requireRules(other.outline(), Optional.of("gate.nope")));
        assertEquals(DecisionRules.NO_RULES, none.code());
        assertTrue(
                none.getMessage().startsWith("package gate.nope is not in lib.rego, images.rego, lib_more.rego"),
                none.getMessage());
        assertTrue(
                none.getMessage().contains("(packages with decision rules: gate.lib, gate.images)"), none.getMessage());
    }

    @Test
    void testsAndCoverageOverAnotherEngineEqualThoseOverTheInterpreter() {
        RegoEngine engine = rego();
        PolicyTests.CoveredRun direct = PolicyTests.runWithCoverage(engine, null, TIMEOUT);
        PolicyTests.CoveredRun forwarded = PolicyTests.runWithCoverage(new Forwarding(engine), null, TIMEOUT);
        assertEquals(outcomes(direct.results()), outcomes(forwarded.results()));
        assertEquals(
                List.of(
                        "data.gate.images.test_latest_denied PASS images.rego:18:1",
                        "data.gate.images.test_broken FAIL images.rego:20:1",
                        "data.gate.images.todo_test_later SKIPPED images.rego:22:1"),
                outcomes(forwarded.results()));
        assertEquals(direct.coverage(), forwarded.coverage());
        assertTrue(forwarded.coverage().coveredLines() > 0, "the tests reach lines of images.rego");
        assertFalse(forwarded.coverage().files().isEmpty());
    }

    @Test
    void aBundleOutlinesWhatItsSourcesStillDeclare() throws Exception {
        OpaBuild.write(dir, "images.rego", MODULES.get(1).source());
        Path bundle = OpaBuild.bundle(dir, List.of("gate/images/deny_latest", "gate/images/warn"), "images.rego");
        WasmEngine wasm = WasmEngine.load(Bundle.read(bundle), ObjectValue.EMPTY, WasmEngine.DEFAULT_MAX_MEMORY_PAGES);
        assertEquals(List.of("gate.images"), wasm.outline().packages());
        // Entrypoints are compiled out of the packed source; the rules left in it stay declared.
        List<String> names =
                wasm.outline().rules().stream().map(PolicyEngine.RuleInfo::name).toList();
        assertFalse(names.contains("deny_latest"), names.toString());
        assertTrue(names.contains("exception"), names.toString());
        // The rule's own METADATA left with it; its package's block is still there to say something.
        assertEquals("LOW: Images", wasm.ruleDoc("gate.images", "deny_latest").headline());
        assertEquals(RuleDoc.NONE, wasm.ruleDoc("gate.other", "deny"));
        assertEquals(Map.of(), wasm.coverage(new Coverage()).files(), "a compiled module has no lines to cover");
    }

    private static List<String> outcomes(List<PolicyTests.Result> results) {
        return results.stream()
                .map(r -> r.qualifiedName() + " " + r.status() + " " + r.location())
                .toList();
    }

    /** Another engine, as the classes under test meet it: every answer comes through the interface. */
    private record Forwarding(PolicyEngine to) implements PolicyEngine {
        @Override
        public void load(List<Module> modules, Value data) {
            to.load(modules, data);
        }

        @Override
        public List<ResultRow> evaluate(String query, Value input, Options options) {
            return to.evaluate(query, input, options);
        }

        @Override
        public List<ResultRow> evaluate(String query, Value input, Options options, Coverage coverage) {
            return to.evaluate(query, input, options, coverage);
        }

        @Override
        public Outline outline() {
            return to.outline();
        }

        @Override
        public RuleDoc ruleDoc(String pkg, String rule) {
            return to.ruleDoc(pkg, rule);
        }

        @Override
        public CoverageReport coverage(Coverage coverage) {
            return to.coverage(coverage);
        }
    }
}
