package dev.gate.policy.compile;

import static dev.gate.policy.compile.CompileErrorsFixture.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.policy.PolicyEngine;
import dev.gate.policy.PolicyException;
import dev.gate.policy.rego.RegoEngine;
import dev.gate.policy.value.BooleanValue;
import dev.gate.policy.value.ObjectValue;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A variable in a data reference may stand for any key, but the names after it still narrow what it can read. */
class RecursionThroughVariablesTest {

    @Test
    void aRuleReadingAnotherPackageThroughAVariableIsNotRecursive() {
        RegoEngine engine = new RegoEngine(null);
        engine.load(
                List.of(
                        new PolicyEngine.Module(
                                "a.rego",
                                "package test\n\np := data[first].allow.see.something_else if first := \"primary\"\n"),
                        new PolicyEngine.Module(
                                "b.rego",
                                "package primary\n\nallow[action].something if action := \"show\"\n\nallow.see.something_else if true\n"),
                        new PolicyEngine.Module("c.rego", "package unrelated\n\nallow.other.stuff if true\n")),
                ObjectValue.EMPTY);
        var rows = engine.evaluate("x = data.test.p", null, PolicyEngine.Options.defaults());
        assertEquals(BooleanValue.TRUE, rows.get(0).bindings().get("x"));
    }

    @Test
    void aVariableThatCanReachTheRuleItselfStillIs() {
        PolicyException e = refused("p := data[x].p.q if x := \"p\"\n\nq := 1\n");
        assertEquals("rego_recursion_error", e.code(), e.getMessage());
        assertTrue(e.getMessage().contains("is recursive"), e.getMessage());
    }
}
