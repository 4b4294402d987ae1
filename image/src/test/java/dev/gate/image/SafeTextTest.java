package dev.gate.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class SafeTextTest {

    @Test
    void aQuotedValueIsEscapedAndCutShort() {
        assertEquals("'a\\x1b[2J'", SafeText.quoted("a\u001b[2J"));
        String quoted = SafeText.quoted("x".repeat(5000));
        assertEquals(2 + 200 + 3, quoted.length());
        assertEquals("none", SafeText.quoted(null));
    }

    @Test
    void terminalControlSequencesAreEscaped() {
        assertEquals("\\x1b[2Jpkg", SafeText.of("\u001b[2Jpkg"), "clear screen");
        assertEquals("\\x1b]0;owned\\x07", SafeText.of("\u001b]0;owned\u0007"), "OSC window title, ended by BEL");
        assertEquals("\\x9b2J", SafeText.of("\u009b2J"), "C1 control sequence introducer");
        assertEquals("a\\x00b\\x7fc", SafeText.of("a\u0000b\u007fc"));
    }

    @Test
    void lineBreaksCannotForgeALine() {
        assertEquals("1.0\\rDENIED", SafeText.of("1.0\rDENIED"));
        assertEquals("x\\ngate: ALLOWED", SafeText.of("x\ngate: ALLOWED"));
        assertEquals("a\\u2028b\\u2029c\\x85d", SafeText.of("a\u2028b\u2029c\u0085d"));
    }

    @Test
    void workflowCommandsCannotStartFromAField() {
        assertEquals("\\n\\x3a:set-output name=ok::true", SafeText.of("\n::set-output name=ok::true"));
        assertEquals("  \\x3a:warning::x", SafeText.of("  ::warning::x"));
        assertEquals("\u00a0\\x3a:error::x", SafeText.of("\u00a0::error::x"), "runners trim Unicode spaces too");
        assertEquals("\\x3aname", SafeText.of(":name"), "a field after an empty one could complete a :: prefix");
        assertEquals("pkg ##\\x5bset-output name=a;]b", SafeText.of("pkg ##[set-output name=a;]b"));
        assertEquals("a::b", SafeText.of("a::b"), "only a leading colon starts a command");
    }

    @Test
    void bidirectionalOverridesAreEscaped() {
        assertEquals("evil\\u202eexe.txt", SafeText.of("evil\u202eexe.txt"));
        assertEquals("\\u2066x\\u2069\\u200f", SafeText.of("\u2066x\u2069\u200f"));
    }

    @Test
    void ordinaryTextIsUnchanged() {
        String name = "libssl3 3.0.15-1~deb12u1 C:\\path\twith tab, ü and 中文 [x]";
        assertSame(name, SafeText.of(name));
        assertNull(SafeText.of(null));
    }

    @Test
    void messagesKeepTheirIndentedExcerptLinesAndNothingElse() {
        String rego = "p.rego:3:9: rego_parse_error: unexpected }\n\tq := [1, 2\n\t        ^";
        assertEquals(rego, SafeText.message(rego));
        assertEquals(
                "registry said: no\\n::error::owned\\x1b[2J",
                SafeText.message("registry said: no\n::error::owned\u001b[2J"));
        assertEquals("a\n\t\\x3a:x\\r", SafeText.message("a\n\t::x\r"));
    }
}
