package dev.gate.policy.eval;

import static dev.gate.policy.eval.Rego.eval;
import static dev.gate.policy.eval.Rego.json;
import static dev.gate.policy.eval.Rego.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.policy.PolicyException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Calls of functions and of the builtins the evaluator implements itself (print, walk, membership). */
class FunctionCallsTest {

    @Test
    void anExtraArgumentReceivesTheResult() {
        String module = "package p\n\nsq(x) := x * x\n\nr := [y, z] if {\n  sq(3, y)\n  count([1, 2], z)\n}\n";
        assertEquals(json("[9, 2]"), eval(module, "data.p.r", null));
    }

    @Test
    void definitionsGivingDifferentValuesForTheSameArgumentsConflict() {
        String module = "package p\n\nf(x) := 1 if x > 0\n\nf(x) := 2 if x > 1\n";
        assertEquals(json("1"), eval(module, "data.p.f(1)", null));
        PolicyException e = refused(module, "data.p.f(2)", null);
        assertEquals("eval_conflict_error", e.code());
        assertTrue(
                e.getMessage().contains("function data.p.f produced conflicting values for the same inputs"),
                e.getMessage());
    }

    @Test
    void aFunctionWhoseBodyFailsIsUndefinedAndSoIsItsCaller() {
        String module = "package p\n\npositive(x) := x if x > 0\n\nr := positive(input.n) + 1\n";
        assertEquals(json("3"), eval(module, "data.p.r", "{\"n\": 2}"));
        assertEquals(null, eval(module, "data.p.r", "{\"n\": -2}"));
    }

    @Test
    void printShowsEachOperandAndUndefinedOnesAsUndefined() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String module = "package p\n\nr if print(\"n is\", input.n, input.missing)\n";
        assertEquals(
                json("true"),
                eval(module, "data.p.r", "{\"n\": 2}", new PrintStream(out, true, StandardCharsets.UTF_8)));
        assertEquals("n is 2 <undefined>\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void walkVisitsEveryPathTheRootFirst() {
        String module = "package p\n\nr := [p | walk(input, [p, _])]\n";
        assertEquals(json("[[], [\"a\"], [\"a\", 0]]"), eval(module, "data.p.r", "{\"a\": [7]}"));
    }

    @Test
    void membershipLooksAtValuesAndWithAKeyAtThatKey() {
        String module = "package p\n\nr := [a, b, c, d] if {\n  a := 2 in input.xs\n  b := 9 in input.xs\n"
                + "  c := \"k\", \"v\" in input.o\n  d := \"k\", \"w\" in input.o\n}\n";
        assertEquals(
                json("[true, false, true, false]"),
                eval(module, "data.p.r", "{\"xs\": [1, 2], \"o\": {\"k\": \"v\"}}"));
    }
}
