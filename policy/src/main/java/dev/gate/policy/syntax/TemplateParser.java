package dev.gate.policy.syntax;

import dev.gate.policy.ast.Literal;
import dev.gate.policy.ast.Term;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a template string token into text and embedded expressions. Each expression is parsed from a copy of the
 * source in which everything else is blanked out, so its spans point at the right line and column of the file.
 * {@code \{} is a literal brace; in {@code $"..."} the usual string escapes apply, {@code $`...`} is raw otherwise.
 */
final class TemplateParser {
    private final Source source;
    private final Token token;
    private final boolean raw;
    private final int contentStart;
    private final Wildcards wildcards;

    TemplateParser(Source source, Token token, Wildcards wildcards) {
        this.source = source;
        this.wildcards = wildcards;
        this.token = token;
        this.raw = token.kind() == Token.Kind.RAW_TEMPLATE;
        this.contentStart = token.span().start() + 2;
    }

    Term parse() {
        String content = token.text();
        List<Object> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (i < content.length()) {
            char c = content.charAt(i);
            if (c == '\\' && i + 1 < content.length() && content.charAt(i + 1) == '{') {
                text.append('{');
                i += 2;
            } else if (c == '\\' && !raw) {
                i = escape(content, i, text);
            } else if (c == '{') {
                int end = closingBrace(content, i + 1);
                if (text.length() > 0) {
                    parts.add(text.toString());
                    text.setLength(0);
                }
                parts.add(embedded(contentStart + i + 1, contentStart + end));
                i = end + 1;
            } else {
                text.append(c);
                i++;
            }
        }
        if (text.length() > 0) parts.add(text.toString());
        return new Term.Template(parts, token.span());
    }

    private Literal embedded(int from, int to) {
        String all = source.text();
        StringBuilder blanked = new StringBuilder(all.length());
        for (int k = 0; k < all.length(); k++) {
            char ch = all.charAt(k);
            blanked.append(k >= from && k < to || ch == '\n' ? ch : ' ');
        }
        List<Literal> body = Parser.parseQuery(new Source(source.fileName(), blanked.toString()), wildcards);
        if (body.size() != 1)
            throw new SyntaxException(source, token.span(), "template expression must be a single expression");
        return body.get(0);
    }

    /** Index of the brace closing an embedded expression that starts at {@code i}. */
    private int closingBrace(String content, int i) {
        int depth = 1;
        while (i < content.length()) {
            char c = content.charAt(i);
            if (c == '{') depth++;
            else if (c == '}' && --depth == 0) return i;
            else if (c == '$'
                    && i + 1 < content.length()
                    && (content.charAt(i + 1) == '"' || content.charAt(i + 1) == '`')) {
                i = endOfTemplate(content, i + 1);
                continue;
            } else if (c == '"') {
                i++;
                while (i < content.length() && content.charAt(i) != '"') i += content.charAt(i) == '\\' ? 2 : 1;
            } else if (c == '`') {
                int e = content.indexOf('`', i + 1);
                if (e < 0) break;
                i = e;
            }
            i++;
        }
        throw new SyntaxException(source, token.span(), "non-terminated template expression");
    }

    /** From a nested template's opening quote, the index after its closing quote. */
    private int endOfTemplate(String content, int i) {
        char quote = content.charAt(i++);
        while (i < content.length()) {
            char c = content.charAt(i);
            if (c == '\\') i += 2;
            else if (c == quote) return i + 1;
            else if (c == '{') i = closingBrace(content, i + 1) + 1;
            else i++;
        }
        throw new SyntaxException(source, token.span(), "non-terminated template string");
    }

    private int escape(String content, int i, StringBuilder out) {
        if (i + 1 >= content.length())
            throw new SyntaxException(source, token.span(), "non-terminated template string");
        int next = Escapes.decode(content, i + 1, out);
        if (next == Escapes.BAD_UNICODE) throw new SyntaxException(source, token.span(), "invalid unicode escape");
        if (next == Escapes.ILLEGAL) {
            throw new SyntaxException(
                    source, token.span(), "illegal escape sequence '\\" + content.charAt(i + 1) + "'");
        }
        return next;
    }
}
