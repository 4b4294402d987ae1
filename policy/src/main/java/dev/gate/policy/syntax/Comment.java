package dev.gate.policy.syntax;

/** A {@code #} comment: where it starts and its text after the {@code #}. */
public record Comment(Span span, String text) {}
