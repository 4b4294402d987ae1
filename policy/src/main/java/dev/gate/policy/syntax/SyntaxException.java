package dev.gate.policy.syntax;

import dev.gate.policy.PolicyException;

/** A parse error (OPA code {@code rego_parse_error}) with its location rendered as file:line:col and a caret. */
public final class SyntaxException extends PolicyException {
    public SyntaxException(Source source, Span span, String message) {
        super(
                "rego_parse_error",
                source.describe(span, message),
                source.fileName() + ":" + span.line() + ":" + span.column());
    }
}
