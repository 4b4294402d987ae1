package dev.gate.policy.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class LexerTest {

    private static List<Token> lex(String text) {
        return new Lexer(new Source("p.rego", text)).tokenize();
    }

    @Test
    void tokensCarryLineAndColumn() {
        List<Token> tokens = lex("package p\n\nallow if { x := \"a\\n\" # note\n  x != 1.5e3 }");
        Token assign =
                tokens.stream().filter(t -> t.text().equals(":=")).findFirst().orElseThrow();
        assertEquals(3, assign.span().line());
        assertEquals(14, assign.span().column());
        Token str = tokens.stream()
                .filter(t -> t.kind() == Token.Kind.STRING)
                .findFirst()
                .orElseThrow();
        assertEquals("a\n", str.text());
        Token num = tokens.stream()
                .filter(t -> t.kind() == Token.Kind.NUMBER)
                .findFirst()
                .orElseThrow();
        assertEquals("1.5e3", num.text());
        assertEquals(4, num.span().line());
        assertEquals(Token.Kind.EOF, tokens.get(tokens.size() - 1).kind());
    }

    @Test
    void errorsPointAtFileLineColumnWithCaret() {
        SyntaxException e = assertThrows(SyntaxException.class, () -> lex("package p\nx := \"open\n"));
        assertEquals("p.rego:2:6", e.location());
        assertEquals("rego_parse_error", e.code());
        assertEquals("p.rego:2:6: non-terminated string\n\tx := \"open\n\t     ^", e.getMessage());
    }
}
