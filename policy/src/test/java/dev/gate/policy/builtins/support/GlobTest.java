package dev.gate.policy.builtins.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GlobTest {
    private static final List<String> DOT = List.of(".");

    @Test
    void starStopsAtDelimitersDoubleStarDoesNot() {
        assertTrue(Glob.matches("*.github.com", DOT, "api.github.com"));
        assertFalse(Glob.matches("*.github.com", DOT, "api.not-github.com"));
        assertFalse(Glob.matches("*.github.com", DOT, "a.b.github.com"));
        assertTrue(Glob.matches("api.**.com", DOT, "api.a.b.com"));
        assertTrue(Glob.matches("*", null, "foo.bar"));
        assertFalse(Glob.matches("*", DOT, "foo.bar"));
        assertTrue(Glob.matches("registry.example.com/**", List.of("/"), "registry.example.com/team/app"));
        assertFalse(Glob.matches("registry.example.com/*", List.of("/"), "registry.example.com/team/app"));
    }

    @Test
    void singlesClassesAndTerms() {
        assertTrue(Glob.matches("?at", List.of("f"), "bat"));
        assertFalse(Glob.matches("?at", List.of("f"), "fat"));
        assertTrue(Glob.matches("[!abc]at", DOT, "fat"));
        assertFalse(Glob.matches("[a-c]at", DOT, "fat"));
        assertTrue(Glob.matches("{cat,bat,[fr]at}", DOT, "rat"));
        assertFalse(Glob.matches("{cat,bat,[fr]at}", DOT, "at"));
        assertTrue(Glob.matches("a{b,c{d,e}}f", DOT, "acef"));
        assertTrue(Glob.matches("\\*x", DOT, "*x"));
        assertFalse(Glob.matches("\\*x", DOT, "ax"));
        assertTrue(Glob.matches("a+(b)", DOT, "a+(b)"));
    }

    @Test
    void badGlobsAndQuoting() {
        assertThrows(IllegalArgumentException.class, () -> Glob.matches("[abc", DOT, "a"));
        assertThrows(IllegalArgumentException.class, () -> Glob.matches("{a,b", DOT, "a"));
        assertEquals("\\*.github.com", Glob.quoteMeta("*.github.com"));
        assertEquals("\\{a\\}\\[b\\]\\?\\\\", Glob.quoteMeta("{a}[b]?\\"));
    }
}
