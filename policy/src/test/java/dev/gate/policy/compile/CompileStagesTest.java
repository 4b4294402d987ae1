package dev.gate.policy.compile;

import static dev.gate.policy.compile.CompileErrorsFixture.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.policy.PolicyException;
import org.junit.jupiter.api.Test;

/** Each stage reports its own errors and stops compilation, so later stages do not report what earlier ones caused. */
class CompileStagesTest {

    @Test
    void undefinedFunctionsAreReportedBeforeUnsafeVariables() {
        PolicyException e =
                refused("t if {\n  require_context(1) with input as {}\n}\n\nu if {\n  allow with input as {}\n}\n");
        assertEquals("rego_type_error", e.code(), e.getMessage());
        assertTrue(e.getMessage().contains("undefined function require_context"), e.getMessage());
        assertFalse(e.getMessage().contains("unsafe"), e.getMessage());
    }

    @Test
    void declarationErrorsComeBeforeEverythingElse() {
        PolicyException e = refused("p if {\n  symbol\n  some x\n}\n\nq if f(1)\n");
        assertEquals("rego_compile_error", e.code(), e.getMessage());
        assertTrue(e.getMessage().contains("declared var x unused") && !(e instanceof CompileErrors), e.getMessage());
    }
}
