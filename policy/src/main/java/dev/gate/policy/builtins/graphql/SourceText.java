package dev.gate.policy.builtins.graphql;

import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.SourceLocation;
import java.util.ArrayList;
import java.util.List;

/**
 * Positions in a query's text. graphql-java places a spread, an inline fragment or a directive at its punctuator
 * ({@code ...}, {@code @}); OPA at the token after it, past blanks, commas and comments.
 */
final class SourceText {
    private final String text;

    SourceText(String text) {
        this.text = text == null ? "" : text;
    }

    /** Where OPA places a string: past its opening quote, or the three of a block string. */
    SourceLocation inString(SourceLocation at) {
        if (at == null) return null;
        int i = offset(at);
        int quotes = text.startsWith("\"\"\"", i) ? 3 : 1;
        return new SourceLocation(at.getLine(), at.getColumn() + quotes);
    }

    /** The number written at the location, as written. */
    String number(SourceLocation at) {
        int start = Math.min(offset(at), text.length());
        int end = start;
        while (end < text.length() && "0123456789+-.eE".indexOf(text.charAt(end)) >= 0) end++;
        return text.substring(start, end);
    }

    /** Where the fields of an object value start, those graphql-java does not place found in the text. */
    List<SourceLocation> fields(ObjectValue object) {
        List<SourceLocation> out = new ArrayList<>();
        SourceLocation from = object.getSourceLocation();
        for (ObjectField f : object.getObjectFields()) {
            out.add(f.getSourceLocation() != null ? f.getSourceLocation() : objectField(from, f.getName()));
            from = f.getValue().getSourceLocation();
        }
        return out;
    }

    /**
     * Where a field of an object value starts, which graphql-java does not keep: the first after {@code from} (the
     * object's brace, or the value of the field before) named so and followed by a colon.
     */
    private SourceLocation objectField(SourceLocation from, String name) {
        if (from == null) return null;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?<![_0-9A-Za-z])" + name + "[\\s,]*:")
                .matcher(text);
        int start = offset(from);
        if (!m.find(Math.min(start, text.length()))) return null;
        int lineStart = text.lastIndexOf('\n', m.start() - 1) + 1;
        int line = at(m.start());
        return new SourceLocation(line, m.start() - lineStart + 1);
    }

    private int at(int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n')) line++;
        }
        return line;
    }

    private int offset(SourceLocation at) {
        int line = 1;
        int i = 0;
        while (i < text.length() && line < at.getLine()) {
            char c = text.charAt(i++);
            if (c == '\n' || c == '\r' && (i >= text.length() || text.charAt(i) != '\n')) line++;
        }
        return i + at.getColumn() - 1;
    }

    /** The start of the first token after the punctuator of {@code length} characters at {@code at}. */
    SourceLocation after(SourceLocation at, int length) {
        if (at == null) return null;
        int line = at.getLine();
        int lineStart = offset(new SourceLocation(line, 1));
        int i = Math.min(text.length(), lineStart + at.getColumn() - 1 + length);
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '#') {
                while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') i++;
            } else if (c == '\n' || c == '\r') {
                i += c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n' ? 2 : 1;
                line++;
                lineStart = i;
            } else if (c == ' ' || c == '\t' || c == ',' || c == '\uFEFF') {
                i++;
            } else {
                break;
            }
        }
        return new SourceLocation(line, i - lineStart + 1);
    }
}
