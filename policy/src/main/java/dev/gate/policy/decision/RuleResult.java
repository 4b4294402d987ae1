package dev.gate.policy.decision;

import dev.gate.policy.value.Value;
import java.util.Map;

/**
 * One message produced by a decision rule: the package it lives in (e.g. {@code main}), the rule's name
 * ({@code deny_latest}), the message ({@code msg} of an object result, or the string itself), the other keys of an
 * object result as metadata, where the rule is written ({@code file:line:col}) and what its METADATA block says.
 */
public record RuleResult(
        String namespace, String rule, String message, Map<String, Value> metadata, String location, RuleDoc doc) {
    public RuleResult {
        metadata = Map.copyOf(metadata);
        if (doc == null) doc = RuleDoc.NONE;
    }

    public RuleResult(String namespace, String rule, String message, Map<String, Value> metadata, String location) {
        this(namespace, rule, message, metadata, location, RuleDoc.NONE);
    }
}
