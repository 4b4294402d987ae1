package dev.gate.policy.builtins.graphql;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * graphql-java names the token it stopped at ({@code offending token 'x'}); OPA's parser says what it wanted there:
 * {@code Expected Name, found x} after what must be followed by a name ({@code :}, {@code (}, {@code |}, {@code =},
 * {@code {}, {@code on}), {@code Unexpected x} elsewhere, with names and strings described as it describes them.
 */
final class OffendingTokens {
    private static final Pattern OFFENDING = Pattern.compile("^Invalid syntax with offending token '(.*)'$", Pattern.DOTALL);
    private static final Pattern NAME = Pattern.compile("[_A-Za-z][_0-9A-Za-z]*");
    private static final Set<String> BEFORE_A_NAME = Set.of(":", "(", "|", "=", "{", "on");

    private OffendingTokens() {}

    /** OPA's wording for graphql-java's message, or null when it is not about one offending token. */
    static String worded(String message, String text, int offset) {
        Matcher m = OFFENDING.matcher(message);
        if (!m.matches()) return null;
        String token = describe(m.group(1));
        return BEFORE_A_NAME.contains(previousToken(text, offset)) ? "Expected Name, found " + token : "Unexpected " + token;
    }

    private static String describe(String token) {
        if (NAME.matcher(token).matches()) return "Name \"" + token + "\"";
        if (token.length() >= 2 && token.startsWith("\"") && token.endsWith("\"")) return "String " + token;
        return token;
    }

    /** The token before {@code offset}, commas and blanks skipped (GraphQL ignores both); "" at the start. */
    private static String previousToken(String text, int offset) {
        int i = Math.min(offset, text.length()) - 1;
        while (i >= 0 && (Character.isWhitespace(text.charAt(i)) || text.charAt(i) == ',')) i--;
        if (i < 0) return "";
        int end = i + 1;
        while (i >= 0 && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) i--;
        return end - 1 > i ? text.substring(i + 1, end) : text.substring(end - 1, end);
    }
}
