package dev.gate.policy.syntax;

/** The JSON escapes that Rego strings and template strings share ({@code \n}, {@code \u00e9} ...). */
final class Escapes {
    /** {@link #decode} results: the character after the backslash is no escape, or {@code \\u} lacks four hex digits. */
    static final int ILLEGAL = -1;

    static final int BAD_UNICODE = -2;

    private Escapes() {}

    /**
     * Appends the character escaped at {@code text[at]} (the one after the backslash, which must exist) to
     * {@code out}; returns the index after the escape, or {@link #ILLEGAL} or {@link #BAD_UNICODE}.
     */
    static int decode(String text, int at, StringBuilder out) {
        char e = text.charAt(at);
        switch (e) {
            case '"', '\\', '/' -> out.append(e);
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'u' -> {
                if (at + 5 > text.length()) return BAD_UNICODE;
                try {
                    out.append((char) Integer.parseInt(text.substring(at + 1, at + 5), 16));
                } catch (NumberFormatException notHex) {
                    return BAD_UNICODE;
                }
                return at + 5;
            }
            default -> {
                return ILLEGAL;
            }
        }
        return at + 1;
    }
}
