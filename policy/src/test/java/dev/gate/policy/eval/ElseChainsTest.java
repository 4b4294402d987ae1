package dev.gate.policy.eval;

import static dev.gate.policy.eval.Rego.eval;
import static dev.gate.policy.eval.Rego.json;
import static dev.gate.policy.eval.Rego.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.policy.PolicyException;
import org.junit.jupiter.api.Test;

/** An else chain gives the value of its first link whose body holds, for rules and functions alike. */
class ElseChainsTest {

    private static final String GRADE =
            "package p\n\ngrade(s) := \"a\" if s > 90\nelse := \"b\" if s > 50\nelse := \"c\"\n\n"
                    + "level := \"high\" if input.s > 90\nelse := \"mid\" if input.s > 50\n";

    @Test
    void laterLinksAreNotReachedOnceOneHolds() {
        assertEquals(json("\"a\""), eval(GRADE, "data.p.grade(95)", null));
        assertEquals(json("\"high\""), eval(GRADE, "data.p.level", "{\"s\": 95}"));
    }

    @Test
    void eachLinkIsTriedInOrder() {
        assertEquals(json("\"b\""), eval(GRADE, "data.p.grade(60)", null));
        assertEquals(json("\"c\""), eval(GRADE, "data.p.grade(1)", null));
        assertEquals(json("\"mid\""), eval(GRADE, "data.p.level", "{\"s\": 60}"));
    }

    @Test
    void aChainWithoutALinkThatHoldsIsUndefinedUnlessThereIsADefault() {
        assertNull(eval(GRADE, "data.p.level", "{\"s\": 1}"));
        assertEquals(json("\"none\""), eval(GRADE + "\ndefault level := \"none\"\n", "data.p.level", "{\"s\": 1}"));
    }

    @Test
    void twoChainsGivingDifferentValuesConflict() {
        String module = "package p\n\nv := 1 if input.a\nelse := 2\n\nv := 3 if input.b\n";
        assertEquals(json("2"), eval(module, "data.p.v", "{}"));
        PolicyException e = refused(module, "data.p.v", "{\"b\": true}");
        assertEquals("eval_conflict_error", e.code());
        assertTrue(e.getMessage().contains("rule data.p.v produced conflicting values"), e.getMessage());
    }

    @Test
    void aFunctionsArgumentsAreMatchedBeforeEachLinksBody() {
        String module =
                "package p\n\nkind([x]) := \"one\" if x > 0\nelse := \"one, not positive\"\n\nkind([_, _]) := \"two\"\n";
        assertEquals(json("\"one\""), eval(module, "data.p.kind([1])", null));
        assertEquals(json("\"one, not positive\""), eval(module, "data.p.kind([-1])", null));
        assertEquals(json("\"two\""), eval(module, "data.p.kind([1, 2])", null));
        assertNull(eval(module, "data.p.kind([])", null));
    }
}
