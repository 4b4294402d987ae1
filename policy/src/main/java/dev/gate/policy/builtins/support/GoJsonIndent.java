package dev.gate.policy.builtins.support;

/**
 * json.marshal_with_options: Go's json.Indent over compact JSON text, with the prefix also written
 * before the first line as OPA does. Empty arrays and objects stay "[]" and "{}".
 */
public final class GoJsonIndent {
    private GoJsonIndent() {}

    /**
     * The options' meaning: "pretty" wins when given; otherwise output is pretty as soon as a prefix
     * or an indent is given. The indent defaults to a tab, the prefix to nothing.
     */
    public static String marshal(String compactJson, Boolean pretty, String prefix, String indent) {
        boolean indented = pretty != null ? pretty : prefix != null || indent != null;
        if (!indented) {
            return compactJson;
        }
        return indent(compactJson, prefix == null ? "" : prefix, indent == null ? "\t" : indent);
    }

    public static String indent(String json, String prefix, String indent) {
        StringBuilder out = new StringBuilder(prefix);
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                out.append(c);
                if (c == '\\' && i + 1 < json.length()) {
                    out.append(json.charAt(++i));
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            switch (c) {
                case '"' -> {
                    inString = true;
                    out.append(c);
                }
                case '[', '{' -> {
                    out.append(c);
                    char next = i + 1 < json.length() ? json.charAt(i + 1) : 0;
                    if (next == ']' || next == '}') {
                        out.append(next); // empty collection stays on one line
                        i++;
                    } else {
                        newline(out, prefix, indent, ++depth);
                    }
                }
                case ']', '}' -> {
                    newline(out, prefix, indent, --depth);
                    out.append(c);
                }
                case ',' -> {
                    out.append(c);
                    newline(out, prefix, indent, depth);
                }
                case ':' -> out.append(": ");
                case ' ', '\t', '\n', '\r' -> {
                    // insignificant whitespace of the input is dropped
                }
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static void newline(StringBuilder out, String prefix, String indent, int depth) {
        out.append('\n').append(prefix).append(indent.repeat(Math.max(depth, 0)));
    }
}
