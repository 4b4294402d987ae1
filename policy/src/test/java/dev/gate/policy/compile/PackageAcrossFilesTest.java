package dev.gate.policy.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gate.policy.PolicyEngine;
import dev.gate.policy.PolicySet;
import dev.gate.policy.decision.Decision;
import dev.gate.policy.rego.RegoEngine;
import dev.gate.policy.value.NumberValue;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A package written over several files is one namespace: a rule reads its siblings from any file by name. */
class PackageAcrossFilesTest {

    @TempDir
    Path dir;

    private static Value eval(String query, String... sources) {
        RegoEngine engine = new RegoEngine(null);
        List<PolicyEngine.Module> modules = new java.util.ArrayList<>();
        for (int i = 0; i < sources.length; i++) modules.add(new PolicyEngine.Module("m" + i + ".rego", sources[i]));
        engine.load(modules, ObjectValue.EMPTY);
        List<PolicyEngine.ResultRow> rows = engine.evaluate("x = " + query, null, PolicyEngine.Options.defaults());
        return rows.isEmpty() ? null : rows.get(0).bindings().get("x");
    }

    @Test
    void aRuleReadsASiblingDefinedInAnotherFile() {
        Value a = eval("data.gen.a", "package gen\n\na := count(b)\n", "package gen\n\nb contains 1\n");
        assertEquals(NumberValue.of(1), a);
    }

    @Test
    void functionsAndElseChainsResolveAcrossFilesToo() {
        Value r = eval(
                "data.gen.r",
                "package gen\n\nr := f(limit) if true\n",
                "package gen\n\nlimit := 2\n\nf(x) := y if y := x * 10\n");
        assertEquals(NumberValue.of(20), r);
    }

    @Test
    void localDeclarationsStillShadowRulesOfTheSamePackageInOtherFiles() {
        Value a = eval("data.gen.a", "package gen\n\na := b if b := 5\n", "package gen\n\nb := 1\n");
        assertEquals(NumberValue.of(5), a);
    }

    @Test
    void policyFoldersSplitOneLibraryOverDirectories() throws Exception {
        Files.createDirectories(dir.resolve("policies/lib"));
        Files.createDirectories(dir.resolve("policies/rules"));
        Files.writeString(
                dir.resolve("policies/lib/registries.rego"),
                "package gate.lib\n\nallowed contains \"registry.example.com\"\n");
        Files.writeString(dir.resolve("policies/rules/deny.rego"), """
                package gate.lib

                deny contains msg if {
                    not allowed[input.image.registry]
                    msg := sprintf("registry %s is not allowed", [input.image.registry])
                }
                """);
        Files.writeString(dir.resolve("policies/rules/names.rego"), "package gate.lib\n\ndenied := count(deny)\n");
        PolicySet set = PolicySet.load(List.of(dir.resolve("policies")), List.of());
        Value input = dev.gate.policy.value.JsonValues.fromJson(new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree("{\"image\": {\"registry\": \"evil.example\"}}"));
        Decision d = set.decide(input, Optional.empty(), Duration.ofSeconds(5));
        assertEquals(1, d.failures().size(), d.toString());
        assertEquals("registry evil.example is not allowed", d.failures().get(0).message());
        assertEquals(
                List.of(NumberValue.of(1)),
                set.engine().evaluate("x = data.gate.lib.denied", input, PolicyEngine.Options.defaults()).stream()
                        .map(r -> r.bindings().get("x"))
                        .toList());
    }
}
