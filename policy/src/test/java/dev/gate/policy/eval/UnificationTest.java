package dev.gate.policy.eval;

import static dev.gate.policy.eval.Rego.eval;
import static dev.gate.policy.eval.Rego.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Patterns on either side of {@code =} bind their variables to what stands opposite; ground parts must be equal. */
class UnificationTest {

    private static final String INPUT = "{\"pair\": [1, [2, 3]], \"obj\": {\"k\": \"v\", \"n\": 1}}";

    @Test
    void nestedArrayPatternsBindEachElement() {
        assertEquals(
                json("[1, 2, 3]"),
                eval("package p\n\nr := [a, b, c] if [a, [b, c]] = input.pair\n", "data.p.r", INPUT));
        assertEquals(
                json("[1, 2, 3]"),
                eval("package p\n\nr := [a, b, c] if input.pair = [a, [b, c]]\n", "data.p.r", INPUT));
    }

    @Test
    void patternsOfAnotherLengthOrAGroundPartThatDiffersDoNotMatch() {
        assertNull(eval("package p\n\nr := a if [a] = input.pair\n", "data.p.r", INPUT));
        assertNull(eval("package p\n\nr := a if [2, a] = input.pair\n", "data.p.r", INPUT));
        assertEquals(json("[2, 3]"), eval("package p\n\nr := a if [1, a] = input.pair\n", "data.p.r", INPUT));
    }

    @Test
    void objectPatternsNeedTheSameKeys() {
        assertEquals(
                json("\"v\""), eval("package p\n\nr := v if {\"k\": v, \"n\": 1} = input.obj\n", "data.p.r", INPUT));
        assertNull(eval("package p\n\nr := v if {\"k\": v} = input.obj\n", "data.p.r", INPUT));
    }

    @Test
    void twoPatternsBindEachOther() {
        assertEquals(json("[1, 2]"), eval("package p\n\nr := [a, b] if [a, 2] = [1, b]\n", "data.p.r", null));
        assertEquals(
                json("[\"x\", 5]"),
                eval(
                        "package p\n\nr := [a, b] if {\"k\": a, \"m\": 5} = {\"m\": b, \"k\": \"x\"}\n",
                        "data.p.r",
                        null));
    }

    @Test
    void aBoundVariableIsComparedNotRebound() {
        String module = "package p\n\nr := [a | some a in [1, 2, 3]; [a, _] = [2, \"any\"]]\n";
        assertEquals(json("[2]"), eval(module, "data.p.r", null));
    }
}
