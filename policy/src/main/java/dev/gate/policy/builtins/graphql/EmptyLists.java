package dev.gate.policy.builtins.graphql;

import graphql.language.SourceLocation;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OPA's GraphQL parser wants at least one item between braces (fields, values, selections): {@code type Hello {}}
 * is refused with {@code expected at least one definition, found }}, where graphql-java either accepts the braces
 * (type definitions) or reports the closing one as an offending token (selections).
 */
final class EmptyLists {
    private static final Pattern EMPTY_TYPE_BODY = Pattern.compile("\\b(?:type|interface|input|enum)\\s+[_A-Za-z][_0-9A-Za-z]*[^{}\"#]*\\{\\s*(\\})");
    static final String MESSAGE = "expected at least one definition, found }";

    private EmptyLists() {}

    /** The location of the closing brace of the first type definition written with empty braces, or null. */
    static SourceLocation inTypeDefinitions(String text) {
        Matcher m = EMPTY_TYPE_BODY.matcher(text);
        return m.find() ? locationOf(text, m.start(1)) : null;
    }

    /** Whether the '}' graphql-java stopped at closes a brace that holds nothing. */
    static boolean closesNothing(String text, SourceLocation at) {
        int offset = offsetOf(text, at);
        if (offset < 0 || offset >= text.length() || text.charAt(offset) != '}') return false;
        int i = offset - 1;
        while (i >= 0 && Character.isWhitespace(text.charAt(i))) i--;
        return i >= 0 && text.charAt(i) == '{';
    }

    private static SourceLocation locationOf(String text, int offset) {
        int line = 1, lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new SourceLocation(line, offset - lineStart + 1);
    }

    /** The offset of a line and column in the text, or -1. */
    static int offsetOf(String text, SourceLocation at) {
        int line = 1, i = 0;
        while (line < at.getLine() && i < text.length()) if (text.charAt(i++) == '\n') line++;
        return line == at.getLine() ? i + at.getColumn() - 1 : -1;
    }
}
