package dev.gate.policy.rego;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.policy.PolicyEngine;
import dev.gate.policy.PolicyException;
import dev.gate.policy.syntax.RegoVersion;
import dev.gate.policy.value.ObjectValue;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rego v0 as OPA 1.x reads it with --v0-compatible, module by module, next to v1 modules. */
class RegoV0Test {

    static String eval(RegoVersion version, String query, String... modules) {
        RegoEngine engine = new RegoEngine(null).regoVersion(version);
        List<PolicyEngine.Module> ms = new ArrayList<>();
        for (int i = 0; i < modules.length; i++) ms.add(new PolicyEngine.Module("m" + i + ".rego", modules[i]));
        engine.load(ms, ObjectValue.EMPTY);
        var rows = engine.evaluate("x := " + query, null, PolicyEngine.Options.defaults());
        return rows.isEmpty() ? "undefined" : rows.get(0).bindings().get("x").toString();
    }

    private static final String V0_POLICY = """
            package gate

            default allow = false

            allow { count(deny) == 0 }

            deny[msg] {
                some i
                input_tags[i] == "latest"
                msg := sprintf("tag %d is latest", [i])
            }

            labels[k] = v { v := {"team": "a"}[k] }

            input_tags = ["v1", "latest"]

            level = "low" { false } else = "high" { true }

            in = 3
            """;

    @Test
    void v0RulesReadAsOpaReadsThem() {
        assertEquals(
                "{\"allow\":false,\"deny\":[\"tag 1 is latest\"],\"in\":3,\"input_tags\":[\"v1\",\"latest\"],"
                        + "\"labels\":{\"team\":\"a\"},\"level\":\"high\"}",
                eval(RegoVersion.V0, "data.gate", V0_POLICY));
    }

    @Test
    void inV1TheSameTextIsAnErrorThatNamesTheDialect() {
        PolicyException e = assertThrows(PolicyException.class, () -> eval(RegoVersion.V1, "data.gate", V0_POLICY));
        assertTrue(
                e.getMessage()
                        .startsWith(
                                "m0.rego:5:1: `if` keyword is required before rule body (this is Rego v0 syntax: read it"
                                        + " with --rego-version v0"),
                e.getMessage());
    }

    @Test
    void futureKeywordsAreKeywordsOnlyWhereImported() {
        String withImport = "package t\n\nimport future.keywords.in\nimport future.keywords.if\n\np if { 1 in [1] }\n";
        assertEquals("{\"p\":true}", eval(RegoVersion.V0, "data.t", withImport));
        String every = "package t\n\nimport future.keywords.every\n\np { every x in [1, 2] { x > 0 } }\n";
        assertEquals("{\"p\":true}", eval(RegoVersion.V0, "data.t", every));
        PolicyException e = assertThrows(
                PolicyException.class, () -> eval(RegoVersion.V0, "data.t", "package t\n\np { 1 in [1] }\n"));
        assertEquals("rego_parse_error", e.code());
    }

    /** What opa eval --v0-compatible (OPA 1.22.4) gives for the same module. */
    @Test
    void aV0LocalMayBeNamedDataOrInputAndZeroArgumentHeadsAreRules() {
        String module =
                "package t\n\np[x] { data := [1, 2]; x := data[_] }\nq = y { input := {\"a\": 3}; y := input.a }\nf() = 1\nr { f == 1 }\n";
        assertEquals("{\"f\":1,\"p\":[1,2],\"q\":3,\"r\":true}", eval(RegoVersion.V0, "data.t", module));
    }

    @Test
    void importRegoV1MakesAModuleV1WhateverTheDialect() {
        PolicyException e = assertThrows(
                PolicyException.class,
                () -> eval(RegoVersion.V0, "data.t", "package t\n\nimport rego.v1\n\np { true }\n"));
        assertTrue(e.getMessage().contains("`if` keyword is required before rule body"), e.getMessage());
        assertEquals("{\"p\":true}", eval(RegoVersion.V0, "data.t", "package t\n\nimport rego.v1\n\np if { true }\n"));
    }

    @Test
    void v0AndV1ModulesOfOnePackageEvaluateTogether() {
        String v0 = "package lib\n\nnames[n] { n := input_names[_] }\n\ninput_names = [\"a\", \"b\"]\n";
        String v1 = "package lib\n\nimport rego.v1\n\ncount_names := count(names) if true\n";
        assertEquals(
                "{\"count_names\":2,\"input_names\":[\"a\",\"b\"],\"names\":[\"a\",\"b\"]}",
                eval(RegoVersion.V0, "data.lib", v0, v1));
    }

    @Test
    void deprecatedBuiltinsAndShadowingRootsAreV0Only() {
        assertEquals(
                "{\"p\":true,\"q\":[3]}",
                eval(
                        RegoVersion.V0,
                        "data.t",
                        "package t\n\np { any([false, true]); re_match(\"^a\", \"ab\") }\n\nq = set_diff({1, 3}, {1}) { true }\n"));
        PolicyException e = assertThrows(
                PolicyException.class, () -> eval(RegoVersion.V1, "data.t", "package t\n\np := any([true])\n"));
        assertTrue(
                e.getMessage().startsWith("m0.rego:3:6: deprecated built-in function calls in expression: any"),
                e.getMessage());
        PolicyException shadow = assertThrows(
                PolicyException.class, () -> eval(RegoVersion.V1, "data.t", "package t\n\np if { input := 1 }\n"));
        assertTrue(shadow.getMessage().contains("variables must not shadow input"), shadow.getMessage());
    }

    /**
     * A head with neither value nor body, as opa eval (OPA 1.22.4) reads it in each dialect: a name alone or f() is no
     * rule, p.q.r is p.q.r = true only in v0, and a v1 rule read as v0 gets OPA's hint about the unimported keyword.
     */
    @Test
    void aHeadAloneIsARuleOnlyWhereOpaMakesOne() {
        assertEquals("m0.rego:3:1: var cannot be used for rule name", parseError(RegoVersion.V0, "deny"));
        assertEquals("m0.rego:3:1: var cannot be used for rule name", parseError(RegoVersion.V1, "deny"));
        assertEquals(
                "m0.rego:3:1: rule argument list must take at least one argument", parseError(RegoVersion.V0, "f()"));
        assertEquals(
                "m0.rego:3:1: rule argument list must take at least one argument", parseError(RegoVersion.V1, "f()"));
        assertEquals(
                "m0.rego:3:1: rule must have value assignment and/or body declaration",
                parseError(RegoVersion.V1, "p.q.r"));
        assertEquals("{\"p\":{\"q\":{\"r\":true}}}", eval(RegoVersion.V0, "data.t", "package t\n\np.q.r\n"));
        assertEquals("{}", eval(RegoVersion.V1, "data.t", "package t\n\nf(x)\n"));
        assertEquals(
                "m0.rego:3:1: var cannot be used for rule name (hint: `import future.keywords.contains` for `p contains x` rules)",
                parseError(RegoVersion.V0, "deny contains msg if { msg := 1 }"));
        assertEquals(
                "m0.rego:3:1: var cannot be used for rule name (hint: `import future.keywords.if` for `p if { ... }` rules)",
                parseError(RegoVersion.V0, "allow if { true }"));
    }

    private static String parseError(RegoVersion version, String rule) {
        PolicyException e =
                assertThrows(PolicyException.class, () -> eval(version, "data.t", "package t\n\n" + rule + "\n"));
        assertEquals("rego_parse_error", e.code());
        return e.getMessage().lines().findFirst().orElseThrow();
    }
}
