package dev.gate.policy.builtins.graphql;

import graphql.language.SourceLocation;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OPA's GraphQL parser wants at least one item between braces (fields, values, selections): {@code type Hello {}}
 * is refused with {@code expected at least one definition, found }}, where graphql-java accepts the braces of type
 * definitions (other empty lists it refuses, see SyntaxErrors).
 */
final class EmptyLists {
    private static final Pattern EMPTY_TYPE_BODY =
            Pattern.compile("\\b(?:type|interface|input|enum)\\s+[_A-Za-z][_0-9A-Za-z]*[^{}\"#]*\\{\\s*(\\})");
    static final String MESSAGE = "expected at least one definition, found }";

    private EmptyLists() {}

    /** The location of the closing brace of the first type definition written with empty braces, or null. */
    static SourceLocation inTypeDefinitions(String text) {
        Matcher m = EMPTY_TYPE_BODY.matcher(text);
        return m.find() ? locationOf(text, m.start(1)) : null;
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
}
