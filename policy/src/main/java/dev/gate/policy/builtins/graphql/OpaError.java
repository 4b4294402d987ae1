package dev.gate.policy.builtins.graphql;

import graphql.language.Node;
import graphql.language.OperationDefinition;
import graphql.language.SourceLocation;

/**
 * A validation error as OPA's validator words and places it. It is reported each time its validator's walk meets the
 * anchor ({@link WalkOrder}), errors met at the same node in the order of their rules' names; one only inside an
 * operation is not reported when the walk reads a fragment definition on its own, one about an operation's variables
 * only while that operation is walked.
 *
 * @param rule the name of OPA's rule
 * @param message its words, closing period included where OPA writes one
 * @param at where OPA places it; null for none
 * @param anchor the node whose visit reports it; null to list it after all others
 * @param operationsOnly reported only while an operation is walked
 * @param within reported only while this operation is walked; null for any
 */
record OpaError(
        String rule,
        String message,
        SourceLocation at,
        Node<?> anchor,
        boolean operationsOnly,
        OperationDefinition within) {
    OpaError(String rule, String message, SourceLocation at, Node<?> anchor) {
        this(rule, message, at, anchor, false, null);
    }

    OpaError(String rule, String message, SourceLocation at, Node<?> anchor, boolean operationsOnly) {
        this(rule, message, at, anchor, operationsOnly, null);
    }
}
