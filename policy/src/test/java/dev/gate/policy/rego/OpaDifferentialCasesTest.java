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

    @Test
    void anIntegerIsPaddedWithSpacesWhenAPrecisionGivesItsDigitsAsInGo() {
        String module = """
                package p

                q := [
                  sprintf("%08.3d", [3]), sprintf("%08.3f", [3]), sprintf("%+08.3d", [3]), sprintf("%08.0d", [0]),
                  sprintf("%08.3x", [255]), sprintf("%08.3s", [12345]), sprintf("%08d", [3]), sprintf("%#08x", [255]),
                  sprintf("%08s", [3]), sprintf("%08.3q", [3]), sprintf("%08s", ["ab"]), sprintf("%-08.3d", [3])
                ]
                """;
        assertEquals(
                "[\"     003\",\"%!f(int64=     003)\",\"    +003\",\"        \",\"     0ff\",\"%!s(int64=   12345)\","
                        + "\"00000003\",\"0x000000ff\",\"%!s(int64=00000003)\",\"00'\\\\x03'\",\"000000ab\",\"003     \"]",
                eval(module, "data.p.q").toString());
    }

    @Test
    void anEmptyPatternIsInsertedBetweenTheBytesOfACharacterAsGoReplacesIt() {
        String module = """
                package p

                q := [
                  replace("aé", "", "_"), replace("ab", "", "-"), replace("é", "", ""), count(replace("é", "", "_")),
                  strings.replace_n({"": "_"}, "é"), strings.replace_n({"": "_", "é": "e"}, "aé"), replace("", "", "_")
                ]
                """;
        assertEquals(
                "[\"_a_\uFFFD_\uFFFD_\",\"-a-b-\",\"é\",5,\"_\uFFFD_\uFFFD_\",\"_a_e_\",\"_\"]",
                eval(module, "data.p.q").toString());
    }

    @Test
    void aRuleWhoseIndexedInputIsMissingIsNotEvaluatedSoWhatItReadsCannotMakeItAnError() {
        String module = """
                package p

                f(x) := 1 if x > 0

                f(x) := 2 if x > 0

                conflicted := f(1)

                value_from_input := input.missing if { conflicted > 0 }

                compared := 1 if { conflicted > 0; input.missing == 1 }

                in_else := 1 if { false } else := input.missing if { conflicted > 0 } else := 3

                data_by_number := data.p.table[2] if { conflicted > 0 }

                calls_print := input.missing if { print("x"); conflicted > 0 }

                not_indexed := 1 if { conflicted > 0 }
                """;
        assertEquals(null, eval(module, "data.p.value_from_input"));
        assertEquals(null, eval(module, "data.p.compared"));
        assertEquals("3", eval(module, "data.p.in_else").toString());
        assertEquals(null, eval(module, "data.p.data_by_number"), "base data is indexed like the input");
        // OPA does not index a rule that calls print, nor one reading only rules: their bodies run and meet the error.
        for (String rule : List.of("calls_print", "not_indexed")) {
            PolicyException e = assertThrows(PolicyException.class, () -> eval(module, "data.p." + rule), rule);
            assertEquals("eval_conflict_error", e.code(), rule);
        }
    }
}
