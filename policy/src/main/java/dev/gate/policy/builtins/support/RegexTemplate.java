package dev.gate.policy.builtins.support;

/**
 * {@code regex.template_match}: text outside the delimiters is literal, text inside is a regex,
 * and the whole value must match (OPA's adaptation of gorilla/mux templates).
 */
public final class RegexTemplate {
    private RegexTemplate() {}

    public static boolean matches(String template, String value, String startDelimiter, String endDelimiter) {
        char open = single(startDelimiter, "start");
        char close = single(endDelimiter, "end");
        return Re2.compile(toRegex(template, open, close)).matcher(value).matches();
    }

    static String toRegex(String template, char open, char close) {
        StringBuilder regex = new StringBuilder("^");
        int level = 0;
        int segmentStart = 0;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == open) {
                if (level++ == 0) {
                    regex.append(Re2.quoteMeta(template.substring(segmentStart, i)));
                    segmentStart = i + 1;
                }
            } else if (c == close && level > 0) {
                if (--level == 0) {
                    regex.append('(').append(template, segmentStart, i).append(')');
                    segmentStart = i + 1;
                }
            } else if (c == close) {
                throw new IllegalArgumentException("unbalanced braces in \"" + template + "\"");
            }
        }
        if (level != 0) {
            throw new IllegalArgumentException("unbalanced braces in \"" + template + "\"");
        }
        return regex.append(Re2.quoteMeta(template.substring(segmentStart)))
                .append('$')
                .toString();
    }

    private static char single(String delimiter, String which) {
        if (delimiter.length() != 1) {
            throw new IllegalArgumentException(
                    which + " delimiter has to be exactly one character long but is " + delimiter.length() + " long");
        }
        return delimiter.charAt(0);
    }
}
