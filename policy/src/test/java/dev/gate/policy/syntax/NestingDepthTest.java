package dev.gate.policy.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.policy.PolicyException;
import dev.gate.policy.ast.Module;
import org.junit.jupiter.api.Test;

/** A policy nested thousands deep is a parse error naming the bound, never a stack overflow. */
class NestingDepthTest {

    private static String nested(String open, String close, int depth) {
        return "package p\n\nx := " + open.repeat(depth) + "1" + close.repeat(depth) + "\n";
    }

    @Test
    void deepParenthesesArraysAndObjectsAreParseErrors() {
        for (String[] pair : new String[][] {{"(", ")"}, {"[", "]"}, {"{\"k\": ", "}"}, {"count([", "])"}}) {
            PolicyException error = assertThrows(
                    PolicyException.class,
                    () -> Parser.parseModule(new Source("p.rego", nested(pair[0], pair[1], 20_000))));
            assertEquals("rego_parse_error", error.code());
            assertTrue(
                    error.getMessage().contains("nested deeper than " + Parser.MAX_DEPTH + " levels"),
                    error.getMessage());
        }
    }

    @Test
    void nestingWithinTheBoundStillParses() {
        Module module = Parser.parseModule(new Source("p.rego", nested("[", "]", Parser.MAX_DEPTH - 5)));
        assertEquals(1, module.rules().size());
    }
}
