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

    /** Each error of a refusal (one, or several together) as {@code file:line:col: message}. */
    private static java.util.List<String> errors(PolicyException e) {
        java.util.List<PolicyException> all = e instanceof CompileErrors c ? c.errors() : java.util.List.of(e);
        return all.stream()
                .map(x -> x.getMessage().lines().findFirst().orElse(""))
                .toList();
    }

    @Test
    void aComprehensionBodyReadingWhatNothingBindsIsUnsafeAtItsExpression() {
        PolicyException e = refused("p if {\n  count([1 | some v; v > z]) > 0\n}\n");
        assertEquals("rego_unsafe_var_error", e.code());
        assertEquals(java.util.List.of("m0.rego:4:22: var v is unsafe", "m0.rego:4:22: var z is unsafe"), errors(e));
    }

    @Test
    void aComprehensionHeadItsBodyDoesNotBindIsUnsafeAtTheExpressionHoldingIt() {
        assertEquals(
                java.util.List.of("m0.rego:4:3: var q is unsafe"),
                errors(refused("p if {\n  count([q | v := input.x]) > 0\n}\n")));
    }

    @Test
    void aNestedComprehensionIsCheckedWithWhatItsEnclosingBodyBinds() {
        assertEquals(
                java.util.List.of("m0.rego:4:24: var w is unsafe", "m0.rego:4:24: var z is unsafe"),
                errors(refused("p if {\n  count([1 | v := [w | w > z]; count(v) > 0]) > 0\n}\n")));
        CompileErrorsFixture.load(
                "p if {\n  z := input.n\n  count([1 | v := [w | some w in input.xs; w > z]; count(v) > 0]) > 0\n}\n");
    }

    @Test
    void whatTheEnclosingBodyBindsAfterTheComprehensionMakesItSafe() {
        CompileErrorsFixture.load("q if {\n  count([v | v := z]) > 0\n  z = input.n\n}\n");
        // A declaration after the comprehension is another variable: the comprehension's own y is bound by nothing.
        assertEquals(
                java.util.List.of("m0.rego:4:13: var y is unsafe"),
                errors(refused("p if {\n  x := [v | v := y]\n  y := input.n\n  count(x) > 0\n}\n")));
    }

    @Test
    void anEveryBodyIsCheckedWithItsKeyAndValueBound() {
        assertEquals(
                java.util.List.of("m0.rego:5:5: var y is unsafe"),
                errors(refused("p if {\n  every x in input.xs {\n    x > y\n  }\n}\n")));
        CompileErrorsFixture.load("p if {\n  y := input.n\n  every x in input.xs {\n    x > y\n  }\n}\n");
    }

    @Test
    void aUnificationOfTwoUnboundVariablesBindsNeither() {
        assertEquals(
                java.util.List.of("m0.rego:4:3: var v is unsafe", "m0.rego:4:3: var z is unsafe"),
                errors(refused("p if {\n  v = z\n}\n")));
    }

    @Test
    void aCallOfAnAssignmentIsWhereItsUnsafeArgumentIsReported() {
        assertEquals(
                java.util.List.of("m0.rego:4:8: var z is unsafe"), errors(refused("p if {\n  v := count(z)\n}\n")));
    }
}
