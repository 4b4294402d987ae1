package dev.gate.policy.ast;

import dev.gate.policy.syntax.Span;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;

/**
 * A {@code # METADATA} block on a package or a rule, as OPA reads it: {@code value} is the object
 * {@code rego.metadata.rule()} returns (scope, title, description, authors, related_resources, custom, ...), with
 * authors and related resources in their object form and the scope filled in.
 */
public record Annotations(String scope, ObjectValue value, Span span) {

    public String title() {
        return text("title");
    }

    public String description() {
        return text("description");
    }

    /** The {@code custom} object (severity and the like live there), or an empty object. */
    public ObjectValue custom() {
        return value.get("custom") instanceof ObjectValue o ? o : ObjectValue.EMPTY;
    }

    private String text(String key) {
        Value v = value.get(key);
        return v instanceof StringValue s ? s.value() : null;
    }
}
