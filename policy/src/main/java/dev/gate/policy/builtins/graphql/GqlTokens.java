package dev.gate.policy.builtins.graphql;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.gate.policy.builtins.support.GoQuote;
import graphql.org.antlr.v4.runtime.BaseErrorListener;
import graphql.org.antlr.v4.runtime.CharStreams;
import graphql.org.antlr.v4.runtime.RecognitionException;
import graphql.org.antlr.v4.runtime.Recognizer;
import graphql.org.antlr.v4.runtime.Token;
import graphql.parser.antlr.GraphqlLexer;
import java.util.ArrayList;
import java.util.List;

/**
 * graphql-java's tokens described as OPA's parser describes its own: the kind ({@code Name}, {@code String},
 * {@code Int}, a punctuator, {@code <EOF>}, {@code <Invalid>}) and, where OPA adds it, the quoted value. Names take
 * in the keywords of graphql-java's grammar, which OPA's lexer does not set apart.
 */
final class GqlTokens {
    /** A token type no rule of the grammar matches: what OPA's lexer reads where graphql-java's lexer fails. */
    static final int INVALID = 10_000;
    /** The grammar's punctuators, by their token types. */
    static final int BRACE_L = 1, BRACE_R = 2, PAREN_L = 5, PAREN_R = 6, BRACKET_L = 10, BRACKET_R = 11, SPREAD = 14;

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .build();

    private GqlTokens() {}

    /** The text's tokens (no blanks, commas or comments), or null where graphql-java's lexer cannot read it. */
    static List<Token> of(String text) {
        GraphqlLexer lexer = new GraphqlLexer(CharStreams.fromString(text));
        boolean[] unreadable = {false};
        lexer.removeErrorListeners();
        lexer.addErrorListener(new BaseErrorListener() {
            @Override
            public void syntaxError(
                    Recognizer<?, ?> r, Object symbol, int line, int column, String msg, RecognitionException e) {
                unreadable[0] = true;
            }
        });
        List<Token> out = new ArrayList<>();
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
            if (t.getChannel() == Token.DEFAULT_CHANNEL) out.add(t);
        }
        return unreadable[0] ? null : out;
    }

    static boolean isName(int type) {
        return type >= GraphqlLexer.BooleanValue && type <= GraphqlLexer.NAME;
    }

    static boolean isBlockString(Token t) {
        return t.getType() == GraphqlLexer.StringValue && t.getText().startsWith("\"\"\"");
    }

    /** OPA's kind of the token: {@code Expected ..., found <kind>}. */
    static String kind(Token t) {
        int type = t.getType();
        if (type == Token.EOF) return "<EOF>";
        if (type == INVALID) return "<Invalid>";
        if (isName(type)) return "Name";
        if (type == GraphqlLexer.IntValue) return "Int";
        if (type == GraphqlLexer.FloatValue) return "Float";
        if (type == GraphqlLexer.StringValue) return isBlockString(t) ? "BlockString" : "String";
        return t.getText();
    }

    /** OPA's kind of a token type, keywords as the quoted keyword when {@code keywordsApart}. */
    static String kind(int type, boolean keywordsApart) {
        if (type == Token.EOF) return "<EOF>";
        if (isName(type)) {
            return keywordsApart && type != GraphqlLexer.NAME
                    ? "\"" + GraphqlLexer.VOCABULARY.getLiteralName(type).replace("'", "") + "\""
                    : "Name";
        }
        if (type == GraphqlLexer.IntValue) return "Int";
        if (type == GraphqlLexer.FloatValue) return "Float";
        if (type == GraphqlLexer.StringValue) return "String";
        String literal = GraphqlLexer.VOCABULARY.getLiteralName(type);
        return literal == null ? "<Invalid>" : literal.replace("'", "");
    }

    /** The kind and, when it has one, the quoted value: {@code Unexpected <described>}. */
    static String described(Token t) {
        String kind = kind(t);
        int type = t.getType();
        String value;
        if (isName(type) || type == GraphqlLexer.IntValue || type == GraphqlLexer.FloatValue) value = t.getText();
        else if (type == GraphqlLexer.StringValue) value = value(t);
        else value = "";
        return value.isEmpty() ? kind : kind + " " + GoQuote.quote(value);
    }

    /** A string token's value: escapes read, a block string's indentation dropped. */
    static String value(Token t) {
        return isBlockString(t) ? blockValue(t.getText()) : stringValue(t.getText());
    }

    /** The column OPA gives the token: strings start after their opening quotes. */
    static int column(Token t) {
        int column = t.getCharPositionInLine() + 1;
        if (t.getType() != GraphqlLexer.StringValue) return column;
        return column + (isBlockString(t) ? 3 : 1);
    }

    /** A quoted string's value: its escapes are JSON's (and its text without them when they are not). */
    private static String stringValue(String text) {
        try {
            return JSON.readValue(text, String.class);
        } catch (java.io.IOException e) {
            return text.substring(1, text.length() - 1);
        }
    }

    /**
     * A block string's value as OPA's lexer takes it: the indentation common to its lines (the first one counted too)
     * dropped from all but the first, then blank lines dropped at both ends.
     */
    private static String blockValue(String text) {
        String body = text.substring(3, Math.max(3, text.length() - 3)).replace("\\\"\"\"", "\"\"\"");
        String[] lines = body.split("\r\n|\r|\n", -1);
        int common = Integer.MAX_VALUE;
        for (String line : lines) common = Math.min(common, indent(line));
        for (int i = 1; i < lines.length && common != Integer.MAX_VALUE; i++)
            lines[i] = lines[i].length() < common ? "" : lines[i].substring(common);
        int first = 0, last = lines.length - 1;
        while (first <= last && indent(lines[first]) == Integer.MAX_VALUE) first++;
        while (last >= first && indent(lines[last]) == Integer.MAX_VALUE) last--;
        return first > last ? "" : String.join("\n", java.util.Arrays.copyOfRange(lines, first, last + 1));
    }

    /** The blanks and tabs a line starts with; MAX_VALUE when it holds nothing else. */
    private static int indent(String line) {
        for (int i = 0; i < line.length(); i++) if (line.charAt(i) != ' ' && line.charAt(i) != '\t') return i;
        return Integer.MAX_VALUE;
    }
}
