package dev.gate.policy.compile;

import static dev.gate.policy.compile.CompileErrorsFixture.load;
import static dev.gate.policy.compile.CompileErrorsFixture.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.policy.PolicyEngine;
import dev.gate.policy.PolicyException;
import dev.gate.policy.value.NumberValue;
import org.junit.jupiter.api.Test;

class LocalDeclarationsTest {

    private static void assertRefused(String code, String message, String body) {
        PolicyException e = refused(body);
        assertEquals(code, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void aVariableIsAssignedOncePerBody() {
        PolicyException e = refused("q if {\n  x := 1\n  x := 2\n}\n");
        assertEquals("rego_compile_error", e.code());
        assertTrue(e.getMessage().startsWith("m0.rego:5:3: var x assigned above"), e.getMessage());
    }

    @Test
    void aVariableDeclaredBySomeInIsNotAssignedAgain() {
        assertRefused("rego_compile_error", "var x declared above", "q if {\n  some x in [1]\n  x := 2\n}\n");
        assertRefused("rego_compile_error", "var x declared above", "q if {\n  some x\n  some x\n  x = 1\n}\n");
    }

    @Test
    void aVariableReadBeforeItsAssignmentIsACompileErrorNotAnUnsafeOne() {
        assertRefused("rego_compile_error", "var v referenced above", "q if {\n  v > 0\n  v := 1\n}\n");
    }

    @Test
    void functionArgumentsAreNotRedeclared() {
        assertRefused("rego_compile_error", "arg x redeclared", "f(x) := y if {\n  x := 1\n  y := 2\n}\n");
    }

    @Test
    void inputAndDataCannotBeAssigned() {
        assertRefused(
                "rego_compile_error",
                "variables must not shadow input (use a different variable name)",
                "q if {\n  input := 1\n}\n");
        assertRefused("rego_compile_error", "rules must not shadow data (use a different rule name)", "data := 1\n");
    }

    @Test
    void comprehensionsAndEveryOpenTheirOwnScope() {
        var engine = load("q := [x | x := 2] if {\n  x := 1\n  every y in [1] { x := y }\n}\n");
        var rows = engine.evaluate("x = data.p.q", null, PolicyEngine.Options.defaults());
        assertEquals(
                dev.gate.policy.value.ArrayValue.of(java.util.List.of(NumberValue.of(2))),
                rows.get(0).bindings().get("x"));
    }

    @Test
    void everyErrorOfTheStageIsReportedWithItsLocation() {
        PolicyException e = refused("q if {\n  x := 1\n  x := 2\n}\n", "r if {\n  y := 1\n  some y\n}\n");
        CompileErrors all = assertInstanceOf(CompileErrors.class, e);
        assertEquals(2, all.errors().size());
        assertTrue(all.errors().get(0).getMessage().startsWith("m0.rego:5:3: var x assigned above"), all.getMessage());
        assertTrue(all.errors().get(1).getMessage().startsWith("m1.rego:5:8: var y assigned above"), all.getMessage());
        assertTrue(all.getMessage().startsWith("2 errors occurred:"), all.getMessage());
    }

    @Test
    void everyUsesWhatItDeclares() {
        assertRefused(
                "rego_compile_error",
                "declared var v unused",
                "q if {\n  every k, v in {\"a\": 1} { k == \"a\" }\n}\n");
        assertRefused("rego_compile_error", "declared var x unused", "q if {\n  every x in input.xs { input.y }\n}\n");
        load("q if {\n  every _, v in {\"a\": 1} { v == 1 }\n}\n");
    }

    @Test
    void someDeclaresOnlyWhatItsBodyReads() {
        PolicyException e = refused("p if {\n  input.x\n  some x\n}\n");
        assertEquals("rego_compile_error", e.code());
        assertTrue(e.getMessage().startsWith("m0.rego:5:3: declared var x unused"), e.getMessage());
        assertRefused("rego_compile_error", "declared var y unused", "p := [1 | some y; input.a]\n");
        load(
                "p contains x if {\n  some x\n  input.xs[x]\n}\n\nq := [x | some x; x = 1]\n\nr[k] := 1 if {\n  some k\n  input.m[k]\n}\n");
    }

    @Test
    void afterTenErrorsTheLimitIsReported() {
        StringBuilder body = new StringBuilder("q if {\n  x := 1\n");
        for (int i = 0; i < 12; i++) body.append("  x := ").append(i).append('\n');
        CompileErrors all = assertInstanceOf(CompileErrors.class, refused(body + "}\n"));
        assertEquals(11, all.errors().size());
        assertEquals("rego_compile_error", all.errors().get(10).code());
        assertEquals("error limit reached", all.errors().get(10).getMessage());
    }

    @Test
    void queriesFollowTheSameRules() {
        var engine = load("q := 1\n");
        PolicyException e = assertThrows(
                PolicyException.class, () -> engine.evaluate("x := 1; x := 2", null, PolicyEngine.Options.defaults()));
        assertEquals("rego_compile_error", e.code());
        assertTrue(e.getMessage().contains("var x assigned above"), e.getMessage());
    }
}
