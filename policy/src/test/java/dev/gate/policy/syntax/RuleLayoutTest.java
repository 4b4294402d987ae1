package dev.gate.policy.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.policy.PolicyEngine;
import dev.gate.policy.PolicyException;
import dev.gate.policy.rego.RegoEngine;
import dev.gate.policy.value.ObjectValue;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rules laid out over lines as OPA reads them: heads, else chains and extra bodies across line breaks. */
class RuleLayoutTest {

    static String eval(String module) {
        RegoEngine engine = new RegoEngine(null);
        engine.load(List.of(new PolicyEngine.Module("t.rego", module)), ObjectValue.EMPTY);
        return engine.evaluate("x := data.t", null, PolicyEngine.Options.defaults())
                .get(0)
                .bindings()
                .get("x")
                .toString();
    }

    @Test
    void elseChainsMayStartEachLinkOnItsOwnLine() {
        assertEquals("{\"p\":3}", eval("package t\n\np := 1 if {\n\tfalse\n}\nelse = 2 if {\n\tfalse\n}\nelse = 3\n"));
        assertEquals("{\"p\":2}", eval("package t\n\np := 1 if { false }\nelse\n:= 2\n"));
    }

    @Test
    void aRuleWithSeveralBodiesIsOneRuleForEachBody() {
        assertEquals("{\"q\":true}", eval("package t\n\nq if { false } { true }\n"));
        assertEquals("{\"q\":true}", eval("package t\n\nq if { false }\n\n{ true }\n"));
        assertEquals("{\"s\":[1,2]}", eval("package t\n\ns contains x if { x := 1 } { x := 2 }\n"));
        assertEquals("{\"p\":true}", eval("package t\n\np if false\n{ true }\n"));
        assertEquals("{\"f\":2}", eval("package t\n\ng(x) := 1 if { x > 0 } { x < -5 }\n\nf := g(-9) + 1\n"));
    }

    @Test
    void anElseChainTakesNoFurtherBodies() {
        PolicyException e = assertThrows(
                PolicyException.class,
                () -> eval("package t\n\np := 1 if { false } else := 2 if { false }\n{ true }\n"));
        assertTrue(e.getMessage().startsWith("t.rego:4:1: expected else keyword"), e.getMessage());
    }

    @Test
    void aHeadsValueOrIfMayFollowOnTheNextLine() {
        assertEquals("{\"r\":5}", eval("package t\n\nr = 5\nif {\n\ttrue\n}\n"));
        assertEquals("{\"p\":1}", eval("package t\n\np\n := 1 if { true }\n"));
        assertEquals("{\"r\":{\"a\":1}}", eval("package t\n\nr[k]\n:= v\nif { some k, v\nin\n\t{\"a\": 1} }\n"));
    }

    @Test
    void infixOperatorsContinueAcrossLinesButIndexesDoNot() {
        assertEquals("{\"p\":3}", eval("package t\n\np :=\n1\n\t+ 2\n"));
        assertEquals("{\"p\":true}", eval("package t\n\np if { x := 3\n-1\nx == 2 }\n"));
        assertEquals("{\"p\":true}", eval("package t\n\np if { x := [1]\n[0]\nx == [1] }\n"));
        assertEquals("{\"p\":true}", eval("package t\n\np if { x := [1, 2]\nx[0]\n== 1 }\n"));
    }

    @Test
    void aKeyValueMembershipMayBeAssigned() {
        assertEquals(
                "{\"p\":true,\"q\":true}",
                eval("package t\n\np if { x := 1, \"foo\" in 1; x == false }\nq if { x = 0, 2 in [2]; x }\n"));
    }

    @Test
    void aBodyWithoutIfIsRefusedAtTheRule() {
        PolicyException e = assertThrows(PolicyException.class, () -> eval("package t\n\np := 1\n{ true }\n"));
        assertTrue(e.getMessage().startsWith("t.rego:3:1: `if` keyword is required before rule body"), e.getMessage());
    }

    @Test
    void keywordsCannotNameRules() {
        for (String[] c : new String[][] {
            {"if := 1", "if keyword"}, {"default contains := 1", "contains keyword"}, {"true := 1", "boolean"}
        }) {
            PolicyException e = assertThrows(PolicyException.class, () -> eval("package t\n\n" + c[0] + "\n"));
            assertTrue(e.getMessage().contains(c[1] + " cannot be used for rule name"), e.getMessage());
        }
    }
}
