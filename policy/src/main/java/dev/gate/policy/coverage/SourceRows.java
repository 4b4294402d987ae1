package dev.gate.policy.coverage;

import dev.gate.policy.syntax.Lexer;
import dev.gate.policy.syntax.Source;
import dev.gate.policy.syntax.Token;
import java.util.List;

/**
 * The rows a piece of a module spans. AST nodes know where their first token is; the last row is that of the node's
 * last inner token, carried on through the brackets still open there ({@code f(a,\n b\n)} ends at the parenthesis).
 */
final class SourceRows {
    private final List<Token> tokens;

    SourceRows(Source source) {
        this.tokens = new Lexer(source).tokenize();
    }

    /** Row range [first, last] of text starting at offset {@code start} whose last inner node starts at {@code lastStart}. */
    int[] rows(int startLine, int start, int lastStart) {
        int i = firstAtOrAfter(start);
        int depth = 0;
        int lastLine = startLine;
        for (; i < tokens.size() && tokens.get(i).span().start() <= lastStart; i++) {
            depth += bracket(tokens.get(i));
            lastLine = Math.max(lastLine, tokens.get(i).span().line());
        }
        for (; depth > 0 && i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.kind() == Token.Kind.EOF) break;
            depth += bracket(t);
            lastLine = Math.max(lastLine, t.span().line());
        }
        return new int[] {startLine, lastLine};
    }

    private int firstAtOrAfter(int offset) {
        int lo = 0, hi = tokens.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (tokens.get(mid).span().start() < offset) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private static int bracket(Token t) {
        if (t.kind() != Token.Kind.OPERATOR) return 0;
        return switch (t.text()) {
            case "(", "[", "{" -> 1;
            case ")", "]", "}" -> -1;
            default -> 0;
        };
    }
}
