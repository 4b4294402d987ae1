package dev.gate.policy.eval;

import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.policy.PolicyEngine;
import dev.gate.policy.PolicyException;
import dev.gate.policy.rego.RegoEngine;
import dev.gate.policy.value.JsonValues;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.Value;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;

/** Evaluates a query against one module (p.rego) with input given as JSON; undefined is null. */
final class Rego {
    private Rego() {}

    static Value eval(String module, String query, String inputJson) {
        return eval(module, query, inputJson, null);
    }

    static Value eval(String module, String query, String inputJson, PrintStream printOut) {
        RegoEngine engine = new RegoEngine(printOut);
        engine.load(List.of(new PolicyEngine.Module("p.rego", module)), ObjectValue.EMPTY);
        List<PolicyEngine.ResultRow> rows = engine.evaluate(
                "x = " + query, inputJson == null ? null : json(inputJson), PolicyEngine.Options.defaults());
        return rows.isEmpty() ? null : rows.get(0).bindings().get("x");
    }

    static PolicyException refused(String module, String query, String inputJson) {
        return assertThrows(PolicyException.class, () -> eval(module, query, inputJson));
    }

    static Value json(String text) {
        try {
            return JsonValues.fromJson(new ObjectMapper().readTree(text));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
