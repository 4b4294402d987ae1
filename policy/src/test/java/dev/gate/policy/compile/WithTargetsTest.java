package dev.gate.policy.compile;

import static dev.gate.policy.compile.CompileErrorsFixture.load;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gate.policy.PolicyEngine;
import dev.gate.policy.value.BooleanValue;
import org.junit.jupiter.api.Test;

/** `with` replaces a rule named as its package names it, as `data.p.q` would. */
class WithTargetsTest {

    @Test
    void aRuleOfThePackageIsATargetByItsName() {
        var engine = load("r if {\n  q == 1 with q as 1\n}\n\nq := 2\n", "s if {\n  q == 3 with q as 3\n}\n");
        assertEquals(
                BooleanValue.TRUE,
                engine.evaluate("x = data.p.r", null, PolicyEngine.Options.defaults())
                        .get(0)
                        .bindings()
                        .get("x"));
        assertEquals(
                BooleanValue.TRUE,
                engine.evaluate("x = data.p.s", null, PolicyEngine.Options.defaults())
                        .get(0)
                        .bindings()
                        .get("x"));
    }
}
