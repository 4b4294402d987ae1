package dev.gate.policy.decision;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.policy.value.JsonValues;
import java.util.List;

/** A decision as JSON, one shape for every report: {@code allowed}, failures, warnings, exempted, rules. */
public final class DecisionJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private DecisionJson() {}

    public static ObjectNode of(Decision d, boolean failOnWarn) {
        ObjectNode root = NODES.objectNode();
        root.put("allowed", d.allowed(failOnWarn));
        root.set("failures", results(d.failures()));
        root.set("warnings", results(d.warnings()));
        root.set("exempted", results(d.exempted()));
        ArrayNode rules = root.putArray("rules");
        for (EvaluatedRule r : d.rules()) {
            rules.addObject().put("namespace", r.namespace()).put("rule", r.rule())
                    .put("kind", r.kind() == EvaluatedRule.Kind.FAILURE ? "deny" : "warn")
                    .put("location", r.location()).put("messages", r.messages())
                    .put("exempted", r.exempted()).put("passed", r.passed());
        }
        return root;
    }

    public static ArrayNode results(List<RuleResult> list) {
        ArrayNode out = NODES.arrayNode();
        for (RuleResult r : list) {
            ObjectNode node = out.addObject().put("namespace", r.namespace()).put("rule", r.rule())
                    .put("message", r.message()).put("location", r.location());
            ObjectNode metadata = node.putObject("metadata");
            r.metadata().forEach((k, v) -> metadata.set(k, JsonValues.toJson(v)));
        }
        return out;
    }
}
