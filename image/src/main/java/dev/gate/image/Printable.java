package dev.gate.image;

/** Text from an image, a registry or a signed document, made safe to show in an error: never printed raw. */
public final class Printable {

    static final int LIMIT = 200;

    private Printable() {
    }

    /** The text in single quotes, shortened, with control characters escaped so it cannot rewrite a terminal. */
    public static String quoted(String text) {
        StringBuilder out = new StringBuilder("'");
        text.codePoints().limit(LIMIT).forEach(c -> {
            if (Character.isISOControl(c) || c == '\'' || c == '\\') {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.append(text.codePointCount(0, text.length()) > LIMIT ? "...'" : "'").toString();
    }
}
