package dev.gate.policy.decision;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.policy.value.JsonValues;
import java.util.List;
import java.util.Locale;

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
        root.set("rules", rules(d.rules()));
        return root;
    }

    /** Every decision rule evaluated, passed or not; {@code kind} is {@code failure} or {@code warning}. */
    public static ArrayNode rules(List<EvaluatedRule> list) {
        ArrayNode out = NODES.arrayNode();
        for (EvaluatedRule r : list) {
            ObjectNode node = out.addObject()
                    .put("namespace", r.namespace())
                    .put("rule", r.rule())
                    .put("kind", r.kind().name().toLowerCase(Locale.ROOT))
                    .put("location", r.location())
                    .put("messages", r.messages())
                    .put("exempted", r.exempted())
                    .put("passed", r.passed());
            describe(node, r.doc());
        }
        return out;
    }

    public static ArrayNode results(List<RuleResult> list) {
        ArrayNode out = NODES.arrayNode();
        for (RuleResult r : list) {
            ObjectNode node = out.addObject()
                    .put("namespace", r.namespace())
                    .put("rule", r.rule())
                    .put("message", r.message())
                    .put("location", r.location());
            ObjectNode metadata = node.putObject("metadata");
            r.metadata().forEach((k, v) -> metadata.set(k, JsonValues.toJson(v)));
            describe(node, r.doc());
        }
        return out;
    }

    /** The rule's METADATA (title, description, severity, related resources), only the parts it has. */
    private static void describe(ObjectNode node, RuleDoc doc) {
        if (doc.title() != null) node.put("title", doc.title());
        if (doc.description() != null) node.put("description", doc.description());
        if (doc.severity() != null) node.put("severity", doc.severity());
        if (!doc.related().isEmpty()) doc.related().forEach(node.putArray("related")::add);
    }
}
