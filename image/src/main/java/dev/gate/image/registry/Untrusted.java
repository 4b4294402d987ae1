package dev.gate.image.registry;

/** Text a registry or a config file chose, made safe to put in a one-line message. */
final class Untrusted {

    private static final int MAX_LENGTH = 200;

    private Untrusted() {
    }

    /**
     * {@code text} in single quotes, control and non-ASCII characters escaped as {@code \\uXXXX}
     * (so it cannot forge lines or terminal sequences), cut at 200 characters.
     */
    static String quote(String text) {
        return "'" + escape(text) + "'";
    }

    /** {@code text} escaped as {@link #quote} does, without the quotes. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && i < MAX_LENGTH; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c >= 0x7f || c == '\'' || c == '\\') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append(text.length() > MAX_LENGTH ? "..." : "").toString();
    }
}
