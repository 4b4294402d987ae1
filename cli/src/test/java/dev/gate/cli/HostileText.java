package dev.gate.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Names an attacker would give a package, and the check that printed output carries none of their effects. */
public final class HostileText {

    /** Clears the screen, retitles the terminal, forges a line and a workflow command, overrides the direction. */
    public static final String NAME =
            "evil\u001b[2J\u001b]0;owned\u0007\r\n::set-output name=ok::true\u202e|*<b>[x](y)";

    private HostileText() {}

    /** No control character but line ends and tabs, no bidi override, no line a CI runner reads as a command. */
    public static void assertInert(String output) {
        for (int i = 0; i < output.length(); i++) {
            char c = output.charAt(i);
            boolean control =
                    c < 0x20 && c != '\n' && c != '\t' || c >= 0x7f && c <= 0x9f || c >= '\u202a' && c <= '\u202e';
            assertFalse(control, String.format("raw U+%04X at %d in:%n%s", (int) c, i, output));
        }
        output.lines().forEach(line -> {
            assertFalse(line.strip().startsWith("::"), "a workflow command line: " + line);
            assertFalse(line.contains("##["), "a workflow command: " + line);
        });
        assertTrue(output.contains("\\x1b[2J"), "the escape is shown, not dropped:\n" + output);
    }
}
