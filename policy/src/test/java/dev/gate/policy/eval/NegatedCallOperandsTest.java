package dev.gate.policy.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.policy.PolicyEngine;
import dev.gate.policy.rego.RegoEngine;
import dev.gate.policy.value.JsonValues;
import dev.gate.policy.value.ObjectValue;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code not f(x.missing)}: OPA evaluates a negated call's reference and call operands before the negation, so an
 * undefined operand makes the literal undefined; only {@code ==} keeps its reference operands inside. The rules
 * below are true in {@code opa eval} (OPA 1.22) exactly when they are listed.
 */
class NegatedCallOperandsTest {

    @Test
    void negatedCallsWithUndefinedOperandsAreUndefinedAsInOpa() throws Exception {
        String module = """
                package t

                a if not input.missing == 1
                b if not equal(input.missing, 1)
                c if not is_string(input.missing)
                d if not count(input.missing) > 0
                e if not startswith(input.missing, "x")
                f if not lower(input.missing)
                g if not input.missing
                h if not input.image.ref == input.missing
                i if not input.missing > 0
                j if not is_string(input.image.missing)
                k if not is_string(data.nothing)
                m if not lower(input.missing) == "x"
                n if not is_string(input.image.ref)
                o if not startswith(input.image.ref, "y")
                """;
        RegoEngine engine = new RegoEngine(null);
        engine.load(List.of(new PolicyEngine.Module("t.rego", module)), ObjectValue.EMPTY);
        var input = JsonValues.fromJson(new ObjectMapper().readTree("{\"image\": {\"ref\": \"x\"}}"));
        var rows = engine.evaluate("x := data.t", input, PolicyEngine.Options.defaults());
        assertEquals(
                "{\"a\":true,\"b\":true,\"g\":true,\"h\":true,\"o\":true}",
                rows.get(0).bindings().get("x").toJson());
    }
}
