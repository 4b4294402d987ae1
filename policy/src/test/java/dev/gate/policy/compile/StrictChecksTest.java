package dev.gate.policy.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.policy.PolicyEngine;
import dev.gate.policy.rego.RegoEngine;
import dev.gate.policy.value.ObjectValue;
import java.util.List;
import org.junit.jupiter.api.Test;

/** opa check --strict: function arguments and assigned variables that nothing reads are errors. */
class StrictChecksTest {
    private static final String POLICY =
            "package p\n\nf(x) := 1\n\nr if {\n  y := 1\n  input.a\n}\n\ns if {\n  some z in input.xs\n  w := z\n  w > 1\n}\n";

    private static void load(String source, boolean strict) {
        new RegoEngine(null).load(List.of(new PolicyEngine.Module("s.rego", source)), ObjectValue.EMPTY, strict);
    }

    @Test
    void unusedArgumentsAndAssignmentsAreRefusedOnlyWhenStrict() {
        load(POLICY, false);
        CompileErrors all =
                assertInstanceOf(CompileErrors.class, assertThrows(CompileErrors.class, () -> load(POLICY, true)));
        assertEquals(2, all.errors().size(), all.getMessage());
        assertTrue(
                all.errors()
                        .get(0)
                        .getMessage()
                        .startsWith("s.rego:3:1: unused argument x. (hint: use _ (wildcard variable) instead)"),
                all.getMessage());
        assertTrue(all.errors().get(1).getMessage().startsWith("s.rego:6:3: assigned var y unused"), all.getMessage());
        assertEquals("rego_compile_error", all.code());
    }

    @Test
    void anImportNothingReadsIsRefusedWhenStrict() {
        String policy =
                "package p\n\nimport data.lib\nimport data.other\nimport input.b\nimport data.never\n\nr if lib.x\n\ns if other.q with lib.y as 1\n";
        load(policy, false);
        CompileErrors e = assertThrows(CompileErrors.class, () -> load(policy, true));
        assertTrue(e.errors().get(0).getMessage().startsWith("s.rego:5:1: import input.b unused"), e.getMessage());
        assertTrue(e.errors().get(1).getMessage().startsWith("s.rego:6:1: import data.never unused"), e.getMessage());
        assertEquals(2, e.errors().size(), e.getMessage());
    }

    @Test
    void anEveryDeclaringTheSameNameDoesNotReadTheAssignment() {
        dev.gate.policy.PolicyException e = assertThrows(
                dev.gate.policy.PolicyException.class,
                () -> load(
                        "package p\n\nr if {\n  x := 1\n  every x in input.xs { x > 0 }\n}\n\ns if {\n  y := 1\n  every x in input.xs { x > y }\n}\n",
                        true));
        assertTrue(
                !(e instanceof CompileErrors) && e.getMessage().startsWith("s.rego:4:3: assigned var x unused"),
                e.getMessage());
    }

    @Test
    void whatIsReadPassesStrictChecks() {
        load(
                "package p\n\nf(x) := x + 1\n\ng(_) := 1\n\nr := [v | v := input.xs[_]]\n\nq contains y if {\n  y := 1\n}\n",
                true);
    }
}
