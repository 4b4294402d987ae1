package dev.gate.policy.eval;

import static dev.gate.policy.eval.Rego.eval;
import static dev.gate.policy.eval.Rego.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@code with} replaces input, data and functions for one expression only; rule values follow the replacement. */
class WithScopesTest {

    @Test
    void theExpressionAfterAWithSeesTheOriginalInputAgain() {
        String module = "package p\n\nr := [a, b] if {\n  a := input.n with input.n as 2\n  b := input.n\n}\n";
        assertEquals(json("[2, 1]"), eval(module, "data.p.r", "{\"n\": 1}"));
    }

    @Test
    void aRuleReadUnderWithIsComputedAgainAndItsValueDoesNotLeakOut() {
        String module =
                "package p\n\ndouble := input.n * 2\n\nr := [double, inner, double] if inner := double with input.n as 10\n";
        assertEquals(json("[2, 20, 2]"), eval(module, "data.p.r", "{\"n\": 1}"));
    }

    @Test
    void replacingDataBelowARuleChangesWhatTheRuleReads() {
        String module = "package p\n\nlimits := {\"max\": 3}\n\nok if count(input.xs) <= data.p.limits.max\n\n"
                + "r := [ok_default, ok_raised] if {\n  ok_default := ok\n  ok_raised := ok with data.p.limits.max as 5\n} else := \"refused\"\n";
        assertEquals(json("\"refused\""), eval(module, "data.p.r", "{\"xs\": [1, 2, 3, 4]}"));
        assertEquals(json("[true, true]"), eval(module, "data.p.r", "{\"xs\": [1, 2]}"));
        assertEquals(json("true"), eval(module, "data.p.ok with data.p.limits.max as 5", "{\"xs\": [1, 2, 3, 4]}"));
    }

    @Test
    void aMockedFunctionMayCallTheFunctionItReplaces() {
        String module = "package p\n\nf(x) := x + 1\n\ng(x) := f(x) * 10\n\nr := y if y := f(1) with f as g\n";
        assertEquals(json("20"), eval(module, "data.p.r", null));
    }

    @Test
    void aBuiltinReplacedByAValueGivesThatValueForAnyArguments() {
        String module = "package p\n\nr := [count([1]), count([1, 2])] if true\n";
        assertEquals(json("[7, 7]"), eval(module, "data.p.r with count as 7", null));
        assertEquals(json("[1, 2]"), eval(module, "data.p.r", null));
    }
}
