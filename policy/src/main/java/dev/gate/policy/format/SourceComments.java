package dev.gate.policy.format;

import dev.gate.policy.syntax.Comment;
import dev.gate.policy.syntax.Lexer;
import dev.gate.policy.syntax.Source;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The comments of a module, each written once: by the rule or body literal it sits in, above or after. Comments on
 * lines of their own are taken in source order as the output reaches the code below them. Also answers where code
 * ends and starts, which decides blank lines and line breaks as opa fmt keeps them.
 */
final class SourceComments {
    private final Source source;
    private final List<Comment> all;
    private final String[] lines;
    private final Set<Comment> written = new HashSet<>();
    /** The first comment {@link #above} has not passed yet. */
    private int next;
    /** The line of the last comment {@link #above} wrote. */
    private int lastAboveLine;

    SourceComments(Source source) {
        this.source = source;
        Lexer lexer = new Lexer(source);
        lexer.tokenize();
        this.all = lexer.comments();
        this.lines = source.text().split("\n", -1);
    }

    List<Comment> all() {
        return all;
    }

    String[] lines() {
        return lines;
    }

    boolean isWritten(Comment c) {
        return written.contains(c);
    }

    void markWritten(Comment c) {
        written.add(c);
    }

    /** A comment after code on its line (not on a line of its own). */
    boolean isTrailing(Comment c) {
        return !lines[c.span().line() - 1].substring(0, c.span().column() - 1).isBlank();
    }

    /**
     * The comments on lines of their own before {@code line} that no code wrote yet, one a line at the depth. Those
     * before an earlier line were taken by an earlier call, so each call gives the ones between that code and this.
     */
    String above(int line, int depth) {
        StringBuilder out = new StringBuilder();
        while (next < all.size() && all.get(next).span().line() < line) {
            Comment c = all.get(next++);
            if (isTrailing(c) || isWritten(c)) continue; // written with the code before it, or inside it
            markWritten(c);
            lastAboveLine = c.span().line();
            out.append(ownLine(c, depth));
        }
        return out.toString();
    }

    /** The line of the last comment {@link #above} wrote. */
    int lastAboveLine() {
        return lastAboveLine;
    }

    /** The line of the first comment {@link #above} has not passed and no code wrote, or -1 when there is none. */
    int nextUnwrittenLine() {
        for (int i = next; i < all.size(); i++)
            if (!isWritten(all.get(i))) return all.get(i).span().line();
        return -1;
    }

    /** The comment after code on this line, as " # text", unless it was written already. */
    String trailing(int line) {
        for (Comment c : all) {
            if (c.span().line() == line && isTrailing(c) && written.add(c))
                return " #" + c.text().stripTrailing();
        }
        return "";
    }

    /** Comments on lines of their own after line {@code after} and before line {@code before}, one a line at the depth. */
    String ownLines(int after, int before, int depth) {
        StringBuilder out = new StringBuilder();
        for (Comment c : all) {
            int line = c.span().line();
            if (line > after && line < before && !isTrailing(c) && written.add(c)) out.append(ownLine(c, depth));
        }
        return out.toString();
    }

    private static String ownLine(Comment c, int depth) {
        return TermText.indent(depth) + '#' + c.text().stripTrailing() + '\n';
    }

    /** Marks the comments on lines between {@code after} and {@code before} written (with the code around them); any? */
    boolean markOwnLines(int after, int before) {
        boolean any = false;
        for (Comment c : all) {
            if (c.span().line() > after && c.span().line() < before) any |= written.add(c);
        }
        return any;
    }

    /** The offset just past the bracket that closes the one at {@code open}, strings and comments passed over; or -1. */
    int closing(int open) {
        String text = source.text();
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '"') {
                for (i++; i < text.length() && text.charAt(i) != '"'; i++) if (text.charAt(i) == '\\') i++;
            } else if (ch == '`' || ch == '#') {
                i = text.indexOf(ch == '`' ? '`' : '\n', i + 1);
                if (i < 0) return -1;
            } else if (ch == '[' || ch == '{' || ch == '(') {
                depth++;
            } else if ((ch == ']' || ch == '}' || ch == ')') && --depth == 0) {
                return i + 1;
            }
        }
        return -1;
    }

    /** Whether some comment starts within the characters from {@code start} to {@code end}. */
    boolean within(int start, int end) {
        return all.stream().anyMatch(c -> c.span().start() >= start && c.span().start() < end);
    }

    /** The line of the last code before {@code offset}: whitespace and lines holding only a comment are passed over. */
    int codeLineBefore(int offset) {
        String text = source.text();
        int i = Math.min(offset, text.length()) - 1;
        while (i >= 0) {
            char ch = text.charAt(i);
            if (Character.isWhitespace(ch)) {
                i--;
                continue;
            }
            int lineStart = text.lastIndexOf('\n', i) + 1;
            if (text.substring(lineStart, i + 1).strip().startsWith("#")) {
                i = lineStart - 1;
                continue;
            }
            return lineOf(i);
        }
        return 1;
    }

    /** The offset of the nearest {@code open} character before {@code offset}, or -1. */
    int before(int offset, char open) {
        return source.text().lastIndexOf(open, offset - 1);
    }

    /** Whether a blank line lies between the two lines. */
    boolean blankBetween(int fromLine, int toLine) {
        for (int l = fromLine + 1; l < toLine; l++) if (lines[l - 1].isBlank()) return true;
        return false;
    }

    int lineOf(int offset) {
        String text = source.text();
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) if (text.charAt(i) == '\n') line++;
        return line;
    }
}
