package dev.gate.policy.builtins.support;

import com.google.re2j.Pattern;

/** Go's Regexp.Expand: {@code $n}, {@code ${n}}, {@code $name}, {@code ${name}} and {@code $$}. */
final class GoTemplate {
    private GoTemplate() {}

    static void expand(StringBuilder out, String template, Pattern pattern, String subject, int[] match) {
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c != '$' || i + 1 >= template.length()) {
                out.append(c);
                i++;
                continue;
            }
            if (template.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
                continue;
            }
            int[] nameSpan = nameSpan(template, i + 1);
            if (nameSpan == null) {
                out.append('$'); // malformed: Go keeps the dollar as text
                i++;
                continue;
            }
            appendGroup(out, template.substring(nameSpan[0], nameSpan[1]), pattern, subject, match);
            i = nameSpan[2];
        }
    }

    /** [nameStart, nameEnd, next] or null when no valid name follows the dollar. */
    private static int[] nameSpan(String t, int at) {
        boolean braced = t.charAt(at) == '{';
        int start = braced ? at + 1 : at;
        int end = start;
        while (end < t.length() && isNameChar(t.charAt(end))) {
            end++;
        }
        if (end == start) {
            return null;
        }
        if (braced) {
            return end < t.length() && t.charAt(end) == '}' ? new int[] {start, end, end + 1} : null;
        }
        return new int[] {start, end, end};
    }

    private static boolean isNameChar(char c) {
        return c == '_' || Character.isLetterOrDigit(c) && c < 128;
    }

    private static void appendGroup(StringBuilder out, String name, Pattern pattern, String subject, int[] m) {
        int group = groupIndex(name, pattern);
        if (group >= 0 && 2 * group + 1 < m.length && m[2 * group] >= 0) {
            out.append(subject, m[2 * group], m[2 * group + 1]);
        }
    }

    private static int groupIndex(String name, Pattern pattern) {
        if (name.chars().allMatch(Character::isDigit)) {
            try {
                return Integer.parseInt(name);
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        Integer named = pattern.namedGroups().get(name);
        return named == null ? -1 : named;
    }
}
