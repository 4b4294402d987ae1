package dev.gate.policy.builtins.graphql;

import graphql.org.antlr.v4.runtime.BaseErrorListener;
import graphql.org.antlr.v4.runtime.CharStream;
import graphql.org.antlr.v4.runtime.CharStreams;
import graphql.org.antlr.v4.runtime.CommonToken;
import graphql.org.antlr.v4.runtime.RecognitionException;
import graphql.org.antlr.v4.runtime.Recognizer;
import graphql.org.antlr.v4.runtime.Token;
import graphql.org.antlr.v4.runtime.TokenFactory;
import graphql.org.antlr.v4.runtime.TokenSource;
import graphql.parser.antlr.GraphqlLexer;

/**
 * graphql-java's tokens, up to the first text its lexer cannot read: that becomes one token no rule takes, placed
 * where OPA's lexer stops reading it (after a string left open, after a character it does not know).
 */
final class TokensUntilInvalid implements TokenSource {
    private final GraphqlLexer lexer;
    private final String text;
    private int errorEnd = -1;
    private Token last;

    TokensUntilInvalid(String text) {
        this.text = text;
        this.lexer = new GraphqlLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        lexer.addErrorListener(new BaseErrorListener() {
            @Override
            public void syntaxError(
                    Recognizer<?, ?> r, Object symbol, int line, int column, String msg, RecognitionException e) {
                if (errorEnd < 0)
                    errorEnd = Math.min(
                            lexer.getInputStream().index(),
                            lexer.getInputStream().size());
            }
        });
    }

    @Override
    public Token nextToken() {
        if (last != null) return eof();
        Token t = lexer.nextToken();
        if (errorEnd < 0) return t;
        CommonToken invalid = new CommonToken(GqlTokens.INVALID, "<Invalid>");
        int line = 1, column = 0;
        int[] cps = text.codePoints().limit(errorEnd).toArray();
        for (int i = 0; i < cps.length; i++) {
            if (cps[i] == '\n' || cps[i] == '\r' && (i + 1 >= cps.length || cps[i + 1] != '\n')) {
                line++;
                column = 0;
            } else if (cps[i] != '\r') {
                column++;
            }
        }
        invalid.setLine(line);
        invalid.setCharPositionInLine(column);
        last = invalid;
        return invalid;
    }

    private Token eof() {
        CommonToken eof = new CommonToken(Token.EOF, "<EOF>");
        eof.setLine(last.getLine());
        eof.setCharPositionInLine(last.getCharPositionInLine());
        return eof;
    }

    @Override
    public int getLine() {
        return lexer.getLine();
    }

    @Override
    public int getCharPositionInLine() {
        return lexer.getCharPositionInLine();
    }

    @Override
    public CharStream getInputStream() {
        return lexer.getInputStream();
    }

    @Override
    public String getSourceName() {
        return lexer.getSourceName();
    }

    @Override
    public void setTokenFactory(TokenFactory<?> factory) {
        lexer.setTokenFactory(factory);
    }

    @Override
    public TokenFactory<?> getTokenFactory() {
        return lexer.getTokenFactory();
    }
}
