package dev.gate.policy.compile;

import static dev.gate.policy.compile.CompileErrorsFixture.load;
import static dev.gate.policy.compile.CompileErrorsFixture.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.policy.PolicyException;
import org.junit.jupiter.api.Test;

class RuleConflictsTest {

    private static void assertTypeError(String message, String... bodies) {
        PolicyException e = refused(bodies);
        assertEquals("rego_type_error", e.code(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void twoDefaultsForOneNameAreRefused() {
        assertTypeError(
                "multiple default rules data.p.x found at m0.rego:3, m0.rego:4", "default x := 1\ndefault x := 2\n");
    }

    @Test
    void aSetRuleBesideASingleValueRuleConflictsInEitherOrder() {
        assertTypeError("conflicting rules data.p.rk found", "rk contains 2\n", "rk := 1\n");
        assertTypeError("conflicting rules data.p.rk found", "rk := 1\n", "rk contains 2\n");
    }

    @Test
    void functionsOfOneNameShareTheirArity() {
        assertTypeError("conflicting rules data.p.f found", "f(x) := 1\n\nf(x, y) := 2\n");
    }

    @Test
    void completeAndPartialObjectRulesConflict() {
        assertTypeError("conflicting rules data.p.o[k] found", "o := {}\n\no[k] := 1 if k := \"a\"\n");
    }

    @Test
    void aGroundRuleCannotHaveRulesBelowIt() {
        assertTypeError("rule data.p.a.b conflicts with [data.p.a.b.c]", "a.b := 1\n\na.b.c := 2\n");
    }

    @Test
    void compatibleRulesSplitOverFilesStillCompile() {
        load(
                "default allow := false\n\nallow if input.x\n",
                "allow if input.y\n\nd contains 1\n",
                "d contains 2\n\no[k] := 1 if k := \"a\"\n\no.b := 2\n");
    }
}
