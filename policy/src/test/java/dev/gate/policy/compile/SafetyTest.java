package dev.gate.policy.compile;

import static dev.gate.policy.compile.CompileErrorsFixture.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.policy.PolicyException;
import org.junit.jupiter.api.Test;

/** Every variable of a rule must be bound by something that can run; unsafe ones are reported as written. */
class SafetyTest {

    @Test
    void aHeadVariableTheBodyNeverBindsIsUnsafe() {
        PolicyException e = refused("deny contains msg if {\n  input.bad\n}\n");
        assertEquals("rego_unsafe_var_error", e.code());
        assertTrue(e.getMessage().startsWith("m0.rego:3:1: var msg is unsafe"), e.getMessage());
    }

    @Test
    void aVariableOnlyGivenToACallIsUnsafeAtThatExpression() {
        PolicyException e = refused("p if {\n  input.a\n  count(x) > 0\n}\n");
        assertEquals("rego_unsafe_var_error", e.code());
        assertTrue(e.getMessage().startsWith("m0.rego:5:3: var x is unsafe"), e.getMessage());
    }

    @Test
    void aRenamedLocalIsReportedByTheNameItWasWrittenWith() {
        PolicyException e = refused("q := v if {\n  some v\n  v > z\n}\n");
        assertEquals("rego_unsafe_var_error", e.code());
        assertTrue(e.getMessage().contains("var v is unsafe") && !e.getMessage().contains("$"), e.getMessage());
    }
}
