package dev.gate.policy.rego;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.policy.PolicyEngine;
import dev.gate.policy.PolicyException;
import dev.gate.policy.value.NumberValue;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegoEngineTest {

    private static Value eval(String module, String query, Value input) {
        return eval(module, query, input, PolicyEngine.Options.defaults());
    }

    private static Value eval(String module, String query, Value input, PolicyEngine.Options options) {
        RegoEngine engine = new RegoEngine(null);
        engine.load(List.of(new PolicyEngine.Module("p.rego", module)), ObjectValue.EMPTY);
        List<PolicyEngine.ResultRow> rows = engine.evaluate("x = " + query, input, options);
        return rows.isEmpty() ? null : rows.get(0).bindings().get("x");
    }

    @Test
    void syntaxErrorsPointAtFileLineAndColumnWithACaret() {
        PolicyException e = assertThrows(
                PolicyException.class, () -> eval("package p\n\nq if {\n  x := [1, 2\n}\n", "data.p.q", null));
        assertEquals("rego_parse_error", e.code());
        assertTrue(e.getMessage().startsWith("p.rego:5:1: "), e.getMessage());
        assertTrue(e.getMessage().contains("\n\t}\n\t^"), e.getMessage());
    }

    @Test
    void stringsAndTemplateStringsShareTheirEscapes() {
        assertEquals(StringValue.of("é\t\"/"), eval("package p\n\nq := \"\\u00e9\\t\\\"\\/\"\n", "data.p.q", null));
        assertEquals(StringValue.of("é 3\n"), eval("package p\n\nq := $\"\\u00e9 {1 + 2}\\n\"\n", "data.p.q", null));
        for (String bad : List.of("\"\\u12zz\"", "$\"\\u12zz\"", "\"\\q\"", "$\"\\q\"")) {
            PolicyException e = assertThrows(
                    PolicyException.class, () -> eval("package p\n\nq := " + bad + "\n", "data.p.q", null));
            assertEquals("rego_parse_error", e.code(), bad);
            assertTrue(
                    e.getMessage()
                            .matches("(?s)p\\.rego:3:[67]: (illegal escape sequence .\\\\q.|invalid unicode escape).*"),
                    e.getMessage());
        }
    }

    @Test
    void regoV0BodiesWithoutIfAreRefusedAsOpa1Does() {
        PolicyException e = assertThrows(
                PolicyException.class,
                () -> eval("package p\n\ndeny[msg] {\n  msg := \"x\"\n}\n", "data.p.deny", null));
        assertEquals("rego_parse_error", e.code());
        assertTrue(e.getMessage().startsWith("p.rego:3:1: `if` keyword is required before rule body"), e.getMessage());
    }

    @Test
    void unknownBuiltinsAreCompileErrorsNamingThem() {
        PolicyException e =
                assertThrows(PolicyException.class, () -> eval("package p\n\nq := no.such(1)\n", "data.p.q", null));
        assertEquals("rego_type_error", e.code());
        assertTrue(e.getMessage().contains("undefined function no.such"), e.getMessage());
        assertTrue(e.getMessage().startsWith("p.rego:3:6"), e.getMessage());
    }

    @Test
    void unsafeVariablesAreReported() {
        PolicyException e =
                assertThrows(PolicyException.class, () -> eval("package p\n\nq if { y > 1 }\n", "data.p.q", null));
        assertEquals("rego_unsafe_var_error", e.code());
        assertTrue(e.getMessage().contains("var y is unsafe"), e.getMessage());
    }

    @Test
    void recursionIsACompileErrorNamingTheCycle() {
        PolicyException e =
                assertThrows(PolicyException.class, () -> eval("package p\n\na if b\n\nb if a\n", "data.p.a", null));
        assertEquals("rego_recursion_error", e.code());
        assertTrue(e.getMessage().contains("data.p.a -> data.p.b -> data.p.a"), e.getMessage());
        PolicyException whole = assertThrows(
                PolicyException.class,
                () -> eval("package p\n\nlist := object.get(data, [\"cfg\"], [])\n", "data.p.list", null));
        assertEquals("rego_recursion_error", whole.code(), "reading all of data from a rule reads the rule itself");
        PolicyException fn =
                assertThrows(PolicyException.class, () -> eval("package p\n\nf(x) := f(x)\n", "data.p.f(1)", null));
        assertTrue(fn.getMessage().contains("function data.p.f is recursive"), fn.getMessage());
    }

    @Test
    void bodiesAreOrderedSoVariablesAreBoundFirst() {
        assertEquals(
                NumberValue.of(5),
                eval(
                        "package p\n\nq := x if {\n  x > 1\n  x = input.n\n}\n",
                        "data.p.q",
                        ObjectValue.ofStrings(Map.of("n", NumberValue.of(5)))));
    }

    @Test
    void completeRuleConflictsAreEvaluationErrors() {
        PolicyException e = assertThrows(
                PolicyException.class,
                () -> eval(
                        "package p\n\nq := 1 if input.a\nq := 2 if input.b\n",
                        "data.p.q",
                        ObjectValue.ofStrings(Map.of("a", NumberValue.of(1), "b", NumberValue.of(1)))));
        assertEquals("eval_conflict_error", e.code());
    }

    @Test
    void withReplacesInputDataAndFunctions() {
        String module = "package p\n\nf(x) := x + 1\ng(x) := x * 10\nq := [input.a, data.d, f(1)]\n"
                + "r := y if y := q with input.a as 7 with data.d as \"d\" with f as g\n";
        assertEquals("[7,\"d\",10]", eval(module, "data.p.r", null).toJson());
        assertEquals(null, eval(module, "data.p.q", null));
    }

    @Test
    void elseChainsAndDefaults() {
        String module =
                "package p\n\ndefault grade := \"none\"\ngrade := \"a\" if input.score > 90\nelse := \"b\" if input.score > 50\n";
        assertEquals(
                StringValue.of("b"),
                eval(module, "data.p.grade", ObjectValue.ofStrings(Map.of("score", NumberValue.of(60)))));
        assertEquals(
                StringValue.of("none"),
                eval(module, "data.p.grade", ObjectValue.ofStrings(Map.of("score", NumberValue.of(10)))));
    }

    @Test
    void runawayEvaluationStopsAtTheTimeout() {
        RegoEngine engine = new RegoEngine(null);
        engine.load(
                List.of(
                        new PolicyEngine.Module(
                                "slow.rego",
                                "package slow\n\nq := count([1 | some a in numbers.range(1, 100000); some b in numbers.range(1, 100000); a != b])\n")),
                null);
        long start = System.nanoTime();
        PolicyException e = assertThrows(
                PolicyException.class,
                () -> engine.evaluate(
                        "x = data.slow.q", null, new PolicyEngine.Options(Duration.ofMillis(300), false)));
        assertEquals("eval_cancel_error", e.code());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos());
    }

    @Test
    void deeplyNestedValuesDoNotOverflowTheStack() {
        Value deep = NumberValue.of(1);
        for (int i = 0; i < 20_000; i++) deep = ObjectValue.ofStrings(Map.of("a", deep));
        Value input = deep;
        String module = "package p\n\nq := count([v | walk(input, [_, v])])\n";
        // walk's paths make this quadratic (about 1 s); the default 5 s limit is too close on a loaded machine.
        assertEquals(
                NumberValue.of(20_001),
                eval(module, "data.p.q", input, new PolicyEngine.Options(Duration.ofSeconds(60), false)));
    }
}
