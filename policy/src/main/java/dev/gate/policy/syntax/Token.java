package dev.gate.policy.syntax;

/** A lexical token; {@code text} is the decoded value for strings, the raw text otherwise. */
public record Token(Kind kind, String text, Span span) {
    public enum Kind {
        IDENT,
        STRING,
        RAW_STRING,
        TEMPLATE,
        RAW_TEMPLATE,
        NUMBER,
        OPERATOR,
        NEWLINE,
        EOF
    }

    public boolean is(Kind k, String t) {
        return kind == k && text.equals(t);
    }
}
