package dev.gate.policy.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gate.policy.PolicyEngine;
import dev.gate.policy.PolicyException;
import dev.gate.policy.rego.RegoEngine;
import dev.gate.policy.value.JsonValues;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A rule with variables in its head and ground rules below its path build one document, as OPA builds it. */
class RefHeadMergeTest {

    private static Value eval(String module) {
        RegoEngine engine = new RegoEngine(null);
        engine.load(List.of(new PolicyEngine.Module("p.rego", module)), ObjectValue.EMPTY);
        return engine.evaluate("x = data.test.p", null, PolicyEngine.Options.defaults())
                .get(0)
                .bindings()
                .get("x");
    }

    @Test
    void setLeavesOfBothJoin() throws Exception {
        Value p = eval(
                "package test\n\np[q].r contains s if {\n  x := [\"a\", \"b\"]\n  q := x[_]\n  s := x[_]\n  q != s\n}\n\np.b.r contains \"foo\"\n");
        assertEquals(
                JsonValues.fromJson(new com.fasterxml.jackson.databind.ObjectMapper()
                                .readTree("{\"a\": {\"r\": [\"b\"]}, \"b\": {\"r\": [\"a\", \"foo\"]}}"))
                        .toJson(),
                p.toJson());
    }

    @Test
    void writingIntoAnotherRulesValueIsAConflict() {
        RegoEngine engine = new RegoEngine(null);
        engine.load(
                List.of(
                        new PolicyEngine.Module(
                                "p.rego",
                                "package test\n\np[q].r := v if {\n  q := \"q\"\n  v := {\"s\": {\"t\": 1}}\n}\n\np.q.r.s.u := 42\n")),
                ObjectValue.EMPTY);
        PolicyException e = assertThrows(
                PolicyException.class, () -> engine.evaluate("x = data.test.p", null, PolicyEngine.Options.defaults()));
        assertEquals("eval_conflict_error", e.code());
    }
}
