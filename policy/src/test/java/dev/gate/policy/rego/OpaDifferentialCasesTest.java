package dev.gate.policy.rego;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gate.policy.PolicyEngine;
import dev.gate.policy.PolicyException;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cases where gate and {@code opa eval} disagreed on generated programs (the cli module's RegoDifferentialTest), kept
 * with the answer OPA 1.22 gives.
 */
class OpaDifferentialCasesTest {

    private static Value eval(String module, String query) {
        RegoEngine engine = new RegoEngine(null);
        engine.load(List.of(new PolicyEngine.Module("p.rego", module)), ObjectValue.EMPTY);
        List<PolicyEngine.ResultRow> rows =
                engine.evaluate("x = " + query, ObjectValue.EMPTY, PolicyEngine.Options.defaults());
        return rows.isEmpty() ? null : rows.get(0).bindings().get("x");
    }

    @Test
    void aComprehensionHeadIsOneTermAsInOpa() {
        for (String bad :
                List.of("[x * 2 | some x in [1]]", "{x + 1 | some x in [1]}", "{x: v + 1 | some x, v in {\"a\": 1}}")) {
            PolicyException e =
                    assertThrows(PolicyException.class, () -> eval("package p\n\nq := " + bad + "\n", "data.p.q"), bad);
            assertEquals("rego_parse_error", e.code(), bad);
        }
        assertEquals(
                "[2,4]",
                eval("package p\n\nq := [(x * 2) | some x in [1, 2]]\n", "data.p.q")
                        .toString());
        // A key written with operators still heads an object comprehension, as OPA parses it.
        assertEquals(
                "{\"1\":5}",
                eval("package p\n\nq := {n + 1: v | some n, v in [5]}\n", "data.p.q")
                        .toString());
        assertEquals("[3,1]", eval("package p\n\nq := [1 + 2, 1]\n", "data.p.q").toString());
        assertEquals(
                "{\"k\":[1]}",
                eval("package p\n\nq := {\"k\": {1, 2} & {1}}\n", "data.p.q").toString());
        // A | whose right side is no body up to a comma is a union inside an element.
        assertEquals(
                "[3,[1,2]]",
                eval("package p\n\nq := sort({{1} | {2}, 3})\n", "data.p.q").toString());
    }

    @Test
    void operandsOfANegatedCallAreEvaluatedBeforeTheNegation() {
        String module = """
                package p

                r := x if x := input.list[5]
                call_on_undefined_rule if not startswith(r, "a")
                call_on_undefined_input if not startswith(input.missing, "a")
                nested_call if not count(input.missing) == 1
                plain_negation if not r
                plain_comparison if not input.missing == 1
                in_comprehension := [v | some v in [1]; not upper(input.missing) == "A"]
                """;
        assertEquals(null, eval(module, "data.p.call_on_undefined_rule"));
        assertEquals(null, eval(module, "data.p.call_on_undefined_input"));
        assertEquals(null, eval(module, "data.p.nested_call"));
        assertEquals("true", eval(module, "data.p.plain_negation").toString());
        assertEquals("true", eval(module, "data.p.plain_comparison").toString());
        assertEquals("[]", eval(module, "data.p.in_comprehension").toString());
    }
}
