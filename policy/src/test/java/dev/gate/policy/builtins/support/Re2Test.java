package dev.gate.policy.builtins.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class Re2Test {
    @Test
    void acceptsRe2SyntaxJavaLacksAndRefusesWhatRe2Refuses() {
        assertTrue(Re2.matches("(?P<word>[[:alpha:]]+)\\z", "abc"));
        assertTrue(Re2.matches("\\Qa.b\\E", "xa.b"));
        assertFalse(Re2.matches("\\Qa.b\\E", "axb"));
        assertTrue(Re2.matches("^\\pL+$", "h\u00e9llo"));
        assertFalse(Re2.isValid("(a)\\1"));
        assertFalse(Re2.isValid("a(?=b)"));
        assertFalse(Re2.isValid("["));
        assertThrows(IllegalArgumentException.class, () -> Re2.compile("(?<!a)b"));
    }

    @Test
    void leftmostFirstAlternation() {
        assertEquals(List.of("a"), Re2.findN("a|ab", "ab", -1));
    }

    @Test
    void findAllFollowsGoEmptyMatchRules() {
        assertEquals(List.of("", "", "", ""), Re2.findN("x*", "abc", -1));
        assertEquals(List.of("", "b", ""), Re2.findN("b*", "abc", -1));
        assertEquals(List.of("a", "a"), Re2.findN("a", "banana", 2));
        assertEquals(
                List.of(List.of("ab", "a", "b"), List.of("ab", "a", "b")), Re2.findAllSubmatchN("(a)(b)?", "abab", -1));
        assertEquals(List.of(List.of("a", "a", "")), Re2.findAllSubmatchN("(a)(b)?", "a", -1));
    }

    @Test
    void splitLikeGo() {
        assertEquals(List.of("b", "n", "n", ""), Re2.split("a", "banana"));
        assertEquals(List.of("pi", "a"), Re2.split("z+", "pizza"));
        assertEquals(List.of(""), Re2.split("a", ""));
        assertEquals(List.of("a", "b", "c"), Re2.split("", "abc"));
    }

    @Test
    void replaceExpandsGoTemplates() {
        assertEquals("-0-0-", Re2.replaceAll("w(x*)y", "-wy-wxxy-", "0"));
        assertEquals("foofoo", Re2.replaceAll("(foo)", "foo", "$1$1"));
        assertEquals("Foo", Re2.replaceAll("^[a-z]", "foo", "F"));
        assertEquals("fx-", Re2.replaceAll("(?P<n>o+)", "foo", "x$1x-")); // $1x names group "1x": empty
        assertEquals("f[oo]", Re2.replaceAll("(?P<n>o+)", "foo", "[${n}]"));
        assertEquals("f$", Re2.replaceAll("o+", "foo", "$$"));
    }

    @Test
    void templateMatchQuotesOutsideDelimiters() {
        assertTrue(RegexTemplate.matches("urn:foo:<.*>", "urn:foo:bar:baz", "<", ">"));
        assertTrue(RegexTemplate.matches("a.{[0-9]+}", "a.12", "{", "}"));
        assertFalse(RegexTemplate.matches("a.{[0-9]+}", "ax12", "{", "}"));
        assertThrows(IllegalArgumentException.class, () -> RegexTemplate.matches("a{b", "ab", "{", "}"));
        assertThrows(IllegalArgumentException.class, () -> RegexTemplate.matches("a", "a", "<<", ">"));
    }
}
