package dev.gate.policy.builtins.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoStringsTest {
    @Test
    void runeIndexes() {
        assertEquals(1, GoStrings.indexOf("\u03bcx", "x"));
        assertEquals(
                4, GoStrings.indexOf("\ud83c\udf67\ud83c\udf68\ud83e\uddc1\ud83c\udf70\ud83c\udf6e", "\ud83c\udf6e"));
        assertEquals(-1, GoStrings.indexOf("\u03bc", "\u03bc\u03bc"));
        assertEquals(List.of(0, 1, 2, 3), GoStrings.indexOfAll("aaaaa", "aa"));
        assertEquals("\u00e4\u00f6", GoStrings.substring("a\u00e5\u00e4\u00f6", 2, -1));
        assertEquals("cdefgh", GoStrings.substring("abcdefgh", 2, 10000));
        assertEquals("", GoStrings.substring("abc", 5, 1));
        assertEquals(
                "negative offset",
                assertThrows(IllegalArgumentException.class, () -> GoStrings.substring("abc", -1, 1))
                        .getMessage());
    }

    @Test
    void countSplitReplace() {
        assertEquals(2, GoStrings.count("11111", "11"));
        assertEquals(6, GoStrings.count("dummy", ""));
        assertEquals(1, GoStrings.count("", ""));
        assertEquals(List.of("a", "", "b"), GoStrings.split("a..b", "."));
        assertEquals(List.of("foo"), GoStrings.split("foo", "."));
        assertEquals(List.of(), GoStrings.split("", ""));
        assertEquals("foo,bar,baz", GoStrings.replaceAll("foo.bar.baz", ".", ","));
        assertEquals("-a-b-", GoStrings.replaceAll("ab", "", "-"));
        assertEquals(
                "This is <b>HTML</b>!",
                GoStrings.replaceEach(
                        "This is &lt;b&gt;HTML&lt;/b&gt;!", List.of(Map.entry("&gt;", ">"), Map.entry("&lt;", "<"))));
    }

    @Test
    void trimsAndCase() {
        assertEquals("oo.ba", GoStrings.trim("...foo.bar...", ".fr"));
        assertEquals("foo.bar...", GoStrings.trimLeft("...foo.bar...", "."));
        assertEquals("...foo.bar", GoStrings.trimRight("...foo.bar...", "."));
        assertEquals("bar", GoStrings.trimPrefix("foobar", "foo"));
        assertEquals("foo", GoStrings.trimSuffix("foobar", "bar"));
        assertEquals("a b", GoStrings.trimSpace("\u00a0\t a b\n\u2003"));
        assertEquals("\u00df", GoStrings.upper("\u00df"));
        assertEquals("ABCDEF", GoStrings.upper("AbCdEf"));
        assertEquals("\ud83c\udf68\ud83c\udf67ba", GoStrings.reverse("ab\ud83c\udf67\ud83c\udf68"));
    }
}
