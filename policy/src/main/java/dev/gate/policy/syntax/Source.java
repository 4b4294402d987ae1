package dev.gate.policy.syntax;

/** A module's file name and text; renders error locations as {@code file:line:col} with the line and a caret. */
public record Source(String fileName, String text) {

    public Source {
        if (fileName == null) fileName = "<input>";
        if (text == null) throw new IllegalArgumentException("source text must not be null");
    }

    /** The message OPA-style: "file:line:col: message", then the offending line and a caret under the column. */
    public String describe(Span span, String message) {
        String line = lineText(span.line());
        String caret = " ".repeat(Math.max(0, span.column() - 1)) + "^";
        return fileName + ":" + span.line() + ":" + span.column() + ": " + message + "\n\t" + line + "\n\t" + caret;
    }

    private String lineText(int lineNumber) {
        String[] lines = text.split("\n", -1);
        return lineNumber >= 1 && lineNumber <= lines.length ? lines[lineNumber - 1].replace('\t', ' ') : "";
    }
}
