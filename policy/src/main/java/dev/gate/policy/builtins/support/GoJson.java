package dev.gate.policy.builtins.support;

import java.util.ArrayList;
import java.util.List;

/**
 * Details of Go's encoding/json that json.marshal output depends on, and OPA's path syntax for
 * json.filter / json.remove ("a/b/c", JSON-pointer escapes ~0 and ~1).
 */
public final class GoJson {
    private GoJson() {}

    /** A JSON string as Go writes it: HTML-safe (&lt; &gt; &amp; as \\u00XX) and U+2028/2029 escaped. */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else if (Character.isSurrogate(c) && !validPair(s, i)) {
                        out.append("\\ufffd"); // Go replaces invalid UTF-16 with the replacement rune
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static boolean validPair(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    /** OPA's string path: leading slashes ignored, segments split on '/', then ~1 → '/' and ~0 → '~'. */
    public static List<String> pathSegments(String path) {
        List<String> segments = new ArrayList<>();
        if (path.isEmpty()) {
            return segments;
        }
        int start = 0;
        while (start < path.length() && path.charAt(start) == '/') {
            start++;
        }
        for (String part : path.substring(start).split("/", -1)) {
            segments.add(part.replace("~1", "/").replace("~0", "~"));
        }
        return segments;
    }
}
