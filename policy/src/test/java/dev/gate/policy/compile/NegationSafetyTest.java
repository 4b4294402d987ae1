package dev.gate.policy.compile;

import static dev.gate.policy.compile.CompileErrorsFixture.load;
import static dev.gate.policy.compile.CompileErrorsFixture.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.policy.PolicyEngine;
import dev.gate.policy.PolicyException;
import dev.gate.policy.value.BooleanValue;
import dev.gate.policy.value.ObjectValue;
import org.junit.jupiter.api.Test;

/** A negated expression binds nothing, so every variable in it must be bound by another expression. */
class NegationSafetyTest {

    @Test
    void aVariableOnlyInANegationIsUnsafe() {
        PolicyException e = refused("deny if {\n  not input.map[q]\n}\n");
        assertEquals("rego_unsafe_var_error", e.code());
        assertTrue(e.getMessage().startsWith("m0.rego:4:3: var q is unsafe"), e.getMessage());
    }

    @Test
    void aWildcardInANegationIsUnsafeAndReadsAsTheWildcard() {
        PolicyException e = refused("deny if {\n  not input.map[_]\n}\n");
        assertEquals("rego_unsafe_var_error", e.code());
        assertTrue(e.getMessage().startsWith("m0.rego:4:3: var _ is unsafe"), e.getMessage());
    }

    @Test
    void eachUnsafeVariableIsReportedAtItsExpression() {
        CompileErrors all = org.junit.jupiter.api.Assertions.assertInstanceOf(
                CompileErrors.class, refused("deny if {\n  not input.map[q]\n  not input.x[z]\n}\n"));
        assertEquals(2, all.errors().size());
        assertTrue(all.errors().get(0).getMessage().startsWith("m0.rego:4:3: var q is unsafe"), all.getMessage());
        assertTrue(all.errors().get(1).getMessage().startsWith("m0.rego:5:3: var z is unsafe"), all.getMessage());
    }

    @Test
    void aVariableBoundElsewhereMayBeNegatedEvenWhenWrittenFirst() {
        var engine = load("deny if {\n  not input.map[q]\n  q = \"k\"\n}\n");
        var rows = engine.evaluate("x = data.p.deny", ObjectValue.EMPTY, PolicyEngine.Options.defaults());
        assertEquals(BooleanValue.TRUE, rows.get(0).bindings().get("x"));
    }
}
