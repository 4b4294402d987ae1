package dev.gate.policy.syntax;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits Rego source into tokens. Newlines are kept as tokens because they separate body expressions;
 * comments are set apart (see {@link #comments()}). Operators are matched longest first.
 */
public final class Lexer {
    private static final String[] OPERATORS = {
        ":=", "==", "!=", "<=", ">=", "{", "}", "[", "]", "(", ")", ",", ";", ".", ":", "=", "<", ">", "+", "-", "*",
        "/", "%", "&", "|"
    };

    private final Source source;
    private final String text;
    private final List<Comment> comments = new ArrayList<>();
    private int pos;
    private int line = 1;
    private int lineStart;

    public Lexer(Source source) {
        this.source = source;
        this.text = source.text();
    }

    public List<Token> tokenize() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipBlanksAndComments();
            if (pos >= text.length()) {
                tokens.add(new Token(Token.Kind.EOF, "", span(pos)));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private void skipBlanksAndComments() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r') pos++;
            else if (c == '#') comment();
            else return;
        }
    }

    /** The comments read so far, in order: {@code # METADATA} blocks are read from them. */
    public List<Comment> comments() {
        return comments;
    }

    private void comment() {
        int start = pos;
        while (pos < text.length() && text.charAt(pos) != '\n') pos++;
        String body = text.substring(start + 1, pos);
        comments.add(new Comment(span(start), body.endsWith("\r") ? body.substring(0, body.length() - 1) : body));
    }

    private Token next() {
        int start = pos;
        char c = text.charAt(pos);
        if (c == '\n') {
            Token t = new Token(Token.Kind.NEWLINE, "\n", span(start));
            pos++;
            line++;
            lineStart = pos;
            return t;
        }
        if (Character.isLetter(c) || c == '_') return identifier(start);
        if (Character.isDigit(c)) return number(start);
        if (c == '"') return string(start);
        if (c == '`') return rawString(start);
        if (c == '$' && pos + 1 < text.length() && (text.charAt(pos + 1) == '"' || text.charAt(pos + 1) == '`'))
            return template(start);
        for (String op : OPERATORS) {
            if (text.startsWith(op, pos)) {
                pos += op.length();
                return new Token(Token.Kind.OPERATOR, op, span(start));
            }
        }
        throw new SyntaxException(source, span(start), "illegal token '" + c + "'");
    }

    private Token identifier(int start) {
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) pos++;
        return new Token(Token.Kind.IDENT, text.substring(start, pos), span(start));
    }

    private Token number(int start) {
        digits();
        if (pos + 1 < text.length() && text.charAt(pos) == '.' && Character.isDigit(text.charAt(pos + 1))) {
            pos++;
            digits();
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            pos++;
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) pos++;
            if (pos >= text.length() || !Character.isDigit(text.charAt(pos)))
                throw new SyntaxException(source, span(start), "invalid number exponent");
            digits();
        }
        return new Token(Token.Kind.NUMBER, text.substring(start, pos), span(start));
    }

    private void digits() {
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) pos++;
    }

    private Token string(int start) {
        StringBuilder out = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= text.length() || text.charAt(pos) == '\n')
                throw new SyntaxException(source, span(start), "non-terminated string");
            char c = text.charAt(pos++);
            if (c == '"') return new Token(Token.Kind.STRING, out.toString(), span(start));
            if (c != '\\') {
                out.append(c);
                continue;
            }
            escape(start, out);
        }
    }

    private void escape(int start, StringBuilder out) {
        if (pos >= text.length()) throw new SyntaxException(source, span(start), "non-terminated string");
        int next = Escapes.decode(text, pos, out);
        if (next == Escapes.BAD_UNICODE) throw new SyntaxException(source, span(start), "invalid unicode escape");
        if (next == Escapes.ILLEGAL) {
            throw new SyntaxException(source, span(pos - 1), "illegal escape sequence '\\" + text.charAt(pos) + "'");
        }
        pos = next;
    }

    private Token rawString(int start) {
        int end = text.indexOf('`', pos + 1);
        if (end < 0) throw new SyntaxException(source, span(start), "non-terminated raw string");
        String raw = text.substring(pos + 1, end);
        Span at = span(start);
        countLines(pos, end);
        pos = end + 1;
        return new Token(Token.Kind.RAW_STRING, raw, new Span(at.line(), at.column(), start, pos));
    }

    /**
     * A template string {@code $"..."} or {@code $`...`}: the token's text is the raw content between the quotes; the
     * parser splits it into text and embedded expressions. Braces and quotes inside embedded expressions are skipped
     * so that nested strings and templates end where they should.
     */
    private Token template(int start) {
        Span at = span(start);
        int end = skipTemplate(pos + 1);
        String raw = text.substring(pos + 2, end - 1);
        countLines(pos, end);
        pos = end;
        return new Token(
                text.charAt(start + 1) == '"' ? Token.Kind.TEMPLATE : Token.Kind.RAW_TEMPLATE,
                raw,
                new Span(at.line(), at.column(), start, end));
    }

    /** From the opening quote at {@code i}, returns the index after the closing quote. */
    private int skipTemplate(int i) {
        char quote = text.charAt(i++);
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\') i += 2;
            else if (c == quote) return i + 1;
            else if (c == '{') i = skipEmbedded(i + 1);
            else if (c == '\n' && quote == '"') break;
            else i++;
        }
        throw new SyntaxException(source, span(pos), "non-terminated template string");
    }

    /** Skips an embedded expression up to and including its closing brace. */
    private int skipEmbedded(int i) {
        int depth = 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '{') depth++;
            else if (c == '}' && --depth == 0) return i + 1;
            else if (c == '$' && i + 1 < text.length() && (text.charAt(i + 1) == '"' || text.charAt(i + 1) == '`')) {
                i = skipTemplate(i + 1);
                continue;
            } else if (c == '"') {
                i = skipQuoted(i);
                continue;
            } else if (c == '`') {
                int e = text.indexOf('`', i + 1);
                if (e < 0) break;
                i = e + 1;
                continue;
            }
            i++;
        }
        throw new SyntaxException(source, span(pos), "non-terminated template expression");
    }

    private int skipQuoted(int i) {
        i++;
        while (i < text.length() && text.charAt(i) != '"') i += text.charAt(i) == '\\' ? 2 : 1;
        return i + 1;
    }

    private void countLines(int from, int to) {
        for (int i = from; i < to; i++)
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
    }

    private Span span(int start) {
        return new Span(line, start - lineStart + 1, start, Math.max(start, pos));
    }
}
