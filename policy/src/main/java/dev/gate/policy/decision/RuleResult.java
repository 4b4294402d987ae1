package dev.gate.policy.decision;

import dev.gate.policy.value.Value;
import java.util.Map;

/**
 * One message produced by a decision rule: the package it lives in (e.g. {@code main}), the rule's name
 * ({@code deny_latest}), the message ({@code msg} of an object result, or the string itself), the other keys of an
 * object result as metadata, and where the rule is written ({@code file:line:col}).
 */
public record RuleResult(String namespace, String rule, String message, Map<String, Value> metadata, String location) {
    public RuleResult {
        metadata = Map.copyOf(metadata);
    }
}
