package dev.gate.image;

/**
 * Text from images, registries, SBOMs, advisories or policies made safe to print on a terminal, in a CI log or in a
 * table: package names, versions, paths, labels, registry error bodies and policy messages are hostile, and printed
 * raw an escape sequence could clear the screen or retitle the terminal, a carriage return or line break could forge
 * a line of gate's own output, and a line starting with {@code ::} (or holding {@code ##[}) is a GitHub Actions
 * workflow command.
 *
 * <p>Escaped as {@code \xHH}: every C0 control but the tab (harmless horizontal space, which Rego error excerpts
 * use), DEL and the C1 controls; {@code \n} and {@code \r} by name; as {@code \}{@code uHHHH}: the Unicode line and
 * paragraph separators and the bidirectional formatting characters, which can make a line read backwards. A field
 * whose first visible character is a colon has it escaped, so that no field (whatever stands before it on its line)
 * can begin a workflow command, and so has the {@code [} of {@code ##[}. Everything else is kept, backslashes
 * included: the output is for people, who see where an escape was made.
 *
 * <p>The policy module does not depend on this one, so it does not use this class: it prints to terminals only through the
 * stream its callers give Rego's {@code print()}, and the commands that show its results and that stream escape
 * them here.
 */
public final class SafeText {

    private static final int QUOTE_LIMIT = 200;

    private SafeText() {}

    /** One field (a name, a version, a message): never more than one line, no control character. Null stays null. */
    public static String of(String text) {
        if (text == null || clean(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        int visible = firstVisible(text);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (needsEscape(c)) {
                escape(c, out);
            } else if (i == visible && c == ':') {
                out.append("\\x3a");
            } else if (opensCommand(text, i)) {
                out.append("\\x5b");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * A value quoted inside an error message ({@code 'text'}): escaped as {@link #of} does, and cut after 200 characters,
     * since what a hostile source chose to send can be of any length.
     */
    public static String quoted(String text) {
        if (text == null) {
            return "none";
        }
        String kept = text.codePointCount(0, text.length()) > QUOTE_LIMIT
                ? text.substring(0, text.offsetByCodePoints(0, QUOTE_LIMIT)) + "..."
                : text;
        return "'" + of(kept) + "'";
    }

    /**
     * A message that may go on over indented lines (a Rego error's source line and caret, each after a tab): those
     * stay lines of their own, escaped; any other line break is escaped, so a message cannot start a line of its own.
     */
    public static String message(String text) {
        if (text == null) {
            return null;
        }
        String[] lines = text.split("\n", -1);
        StringBuilder out = new StringBuilder(text.length() + 16);
        StringBuilder field = new StringBuilder(lines[0]);
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].startsWith("\t")) {
                out.append(of(field.toString())).append("\n\t");
                field.setLength(0);
                field.append(lines[i], 1, lines[i].length());
            } else {
                field.append('\n').append(lines[i]);
            }
        }
        return out.append(of(field.toString())).toString();
    }

    private static boolean clean(String text) {
        int visible = firstVisible(text);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (needsEscape(c) || c == ':' && i == visible || opensCommand(text, i)) {
                return false;
            }
        }
        return true;
    }

    /** The {@code [} of {@code ##[}, which opens a workflow command anywhere in a line. */
    private static boolean opensCommand(String text, int i) {
        return text.charAt(i) == '[' && i >= 2 && text.charAt(i - 1) == '#' && text.charAt(i - 2) == '#';
    }

    /** The index of the first character a CI runner does not trim as leading white space. */
    private static int firstVisible(String text) {
        int i = 0;
        while (i < text.length() && (Character.isWhitespace(text.charAt(i)) || Character.isSpaceChar(text.charAt(i)))) {
            i++;
        }
        return i;
    }

    private static boolean needsEscape(char c) {
        return c < 0x20 && c != '\t'
                || c >= 0x7f && c <= 0x9f
                || c == '\u2028'
                || c == '\u2029'
                || c == '\u061c'
                || c == '\u200e'
                || c == '\u200f'
                || c >= '\u202a' && c <= '\u202e'
                || c >= '\u2066' && c <= '\u2069';
    }

    private static void escape(char c, StringBuilder out) {
        switch (c) {
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            default -> out.append(c <= 0xff ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
        }
    }
}
