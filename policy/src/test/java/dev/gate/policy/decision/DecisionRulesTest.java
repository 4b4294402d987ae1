package dev.gate.policy.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.policy.PolicyException;
import dev.gate.policy.PolicySet;
import dev.gate.policy.value.NumberValue;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.StringValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecisionRulesTest {

    @TempDir
    Path dir;

    private PolicySet load(String... modules) throws IOException {
        for (int i = 0; i < modules.length; i++) Files.writeString(dir.resolve("m" + i + ".rego"), modules[i]);
        Files.writeString(dir.resolve("m_test.rego"), "package t\n\ntest_x if true\n");
        return PolicySet.load(List.of(dir), List.of());
    }

    @Test
    void denyViolationAndWarnRulesOfEveryPackageWithMessagesMetadataAndLocations() throws IOException {
        PolicySet set = load(
                "package a\n\ndeny contains \"plain\" if input.bad\n\nwarn_old contains {\"msg\": \"old\", \"since\": 3} if input.old\n",
                "package b\n\nviolation_x contains \"x\" if input.bad\n\nhelper := 1\n");
        Decision d = set.decide(
                ObjectValue.ofStrings(Map.of("bad", NumberValue.of(1), "old", NumberValue.of(1))),
                Optional.empty(),
                Duration.ofSeconds(5));
        assertEquals(2, d.failures().size());
        assertEquals(1, d.warnings().size());
        RuleResult warn = d.warnings().get(0);
        assertEquals("old", warn.message());
        assertEquals(NumberValue.of(3), warn.metadata().get("since"));
        assertEquals(dir.resolve("m0.rego") + ":5:1", warn.location());
        assertEquals(3, d.rules().size(), "helpers are not decision rules");
        assertFalse(d.allowed(false));
        assertEquals(2, set.policyFiles().size(), "test files are not part of a decision");
    }

    @Test
    void rulesCarryTheirMetadataFromTheNearestBlock() throws IOException {
        PolicySet set = load("""
                # METADATA
                # title: Base rules
                # custom:
                #   severity: low
                package a

                # METADATA
                # title: No root
                # description: Set USER.
                # related_resources:
                # - ref: https://example.com/root
                # custom:
                #   severity: high
                deny_root contains "root" if true

                # METADATA
                # scope: document
                # title: Tags
                deny_tag contains "one" if true

                deny_tag contains "two" if true

                deny_plain contains "plain" if true
                """);
        Decision d = set.decide(ObjectValue.EMPTY, Optional.empty(), Duration.ofSeconds(5));
        Map<String, RuleDoc> byRule = new java.util.HashMap<>();
        d.failures().forEach(r -> byRule.put(r.rule() + "/" + r.message(), r.doc()));
        assertEquals(
                new RuleDoc("No root", "Set USER.", "HIGH", List.of("https://example.com/root")),
                byRule.get("deny_root/root"));
        assertEquals(
                new RuleDoc("Tags", null, "LOW", List.of()),
                byRule.get("deny_tag/two"),
                "a document block covers every definition");
        assertEquals(
                new RuleDoc("Base rules", null, "LOW", List.of()),
                byRule.get("deny_plain/plain"),
                "the package block is the fallback");
        assertTrue(d.rules().stream()
                .anyMatch(r -> r.rule().equals("deny_root") && r.doc().title().equals("No root")));
        assertEquals(
                "HIGH",
                DecisionJson.of(d, false).at("/failures").findValuesAsText("severity").stream()
                        .filter("HIGH"::equals)
                        .findFirst()
                        .orElse(null));
        assertEquals("HIGH: No root", byRule.get("deny_root/root").headline());
    }

    @Test
    void exceptionsExemptRulesByNameWithoutPrefix() throws IOException {
        PolicySet set = load("package a\n\ndeny_root contains \"root\" if true\n\ndeny_tag contains \"tag\" if true\n\n"
                + "exception contains [\"root\"] if input.legacy\n");
        Decision d = set.decide(
                ObjectValue.ofStrings(Map.of("legacy", StringValue.of("yes"))),
                Optional.empty(),
                Duration.ofSeconds(5));
        assertEquals(
                List.of("tag"), d.failures().stream().map(RuleResult::message).toList());
        assertEquals(
                List.of("root"), d.exempted().stream().map(RuleResult::message).toList());
        assertTrue(d.rules().stream().anyMatch(r -> r.rule().equals("deny_root") && r.exempted() && r.passed()));
    }

    @Test
    void namespaceLimitsTheDecisionToOnePackage() throws IOException {
        PolicySet set =
                load("package a\n\ndeny contains \"a\" if true\n", "package b\n\nwarn contains \"b\" if true\n");
        Decision d = set.decide(ObjectValue.EMPTY, Optional.of("b"), Duration.ofSeconds(5));
        assertTrue(d.failures().isEmpty());
        assertEquals(1, d.warnings().size());
        assertTrue(d.allowed(false));
        assertFalse(d.allowed(true));
    }

    @Test
    void aNamespaceThatMatchesNoPackageIsAnErrorNamingItAndTheFilesNeverAnAllow() throws IOException {
        PolicySet set = load("package gate.prod\n\ndeny_latest contains \"latest\" if input.latest\n");
        PolicyException e = assertThrows(
                PolicyException.class,
                () -> set.decide(ObjectValue.EMPTY, Optional.of("nothing.here"), Duration.ofSeconds(5)));
        assertEquals(DecisionRules.NO_RULES, e.code());
        assertEquals(
                "package nothing.here is not in " + dir.resolve("m0.rego")
                        + ", so there is no deny, deny_<x>, violation, "
                        + "violation_<x>, warn or warn_<x> rule (packages with decision rules: gate.prod); a decision without rules "
                        + "would allow everything",
                e.getMessage());
        assertThrows(PolicyException.class, () -> set.requireDecisionRules(Optional.of("nothing.here")));
        set.requireDecisionRules(Optional.of("gate.prod"));
        set.requireDecisionRules(Optional.empty());
    }

    @Test
    void policiesWithoutDecisionRulesAreAnError() throws IOException {
        PolicySet set = load("package a\n\nallow if true\n\ndeny_fn(x) := x\n", "package b\n\nhelper := 1\n");
        PolicyException any = assertThrows(
                PolicyException.class, () -> set.decide(ObjectValue.EMPTY, Optional.empty(), Duration.ofSeconds(5)));
        assertEquals(DecisionRules.NO_RULES, any.code());
        assertTrue(
                any.getMessage()
                        .startsWith("no package of " + dir.resolve("m0.rego") + ", " + dir.resolve("m1.rego")
                                + " has a deny, deny_<x>, violation"),
                any.getMessage());
        PolicyException named = assertThrows(
                PolicyException.class, () -> set.decide(ObjectValue.EMPTY, Optional.of("a"), Duration.ofSeconds(5)));
        assertTrue(
                named.getMessage()
                        .startsWith("package a of " + dir.resolve("m0.rego") + ", " + dir.resolve("m1.rego")
                                + " has no deny"),
                named.getMessage());
    }
}
