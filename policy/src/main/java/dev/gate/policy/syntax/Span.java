package dev.gate.policy.syntax;

/** Where a token or AST node sits: 1-based line and column of its start, and its character offsets. */
public record Span(int line, int column, int start, int end) {
    public Span {
        if (line < 1 || column < 1 || start < 0 || end < start) {
            throw new IllegalArgumentException("bad span " + line + ":" + column + " [" + start + "," + end + ")");
        }
    }

    /** The span covering this one through {@code other}. */
    public Span to(Span other) {
        return new Span(line, column, start, Math.max(end, other.end));
    }
}
