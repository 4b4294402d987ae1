package dev.gate.policy.builtins.support;

import java.util.ArrayList;
import java.util.List;

/** Reads a Go text/template into nodes: text, output actions, if / range / with blocks, pipelines of commands. */
final class GoTextTemplateParser {
    private final String text;
    private final List<Token> tokens = new ArrayList<>();
    private int next;

    private GoTextTemplateParser(String text) {
        this.text = text;
    }

    static List<Node> parse(String template) {
        GoTextTemplateParser p = new GoTextTemplateParser(template);
        p.lex();
        List<Node> body = p.parseList(false);
        if (p.next < p.tokens.size()) {
            Token extra = p.tokens.get(p.next);
            throw p.parseError(extra.pos(), "unexpected {{" + extra.keyword() + "}}");
        }
        return body;
    }

    // ---- lexing: text and actions ----

    /** A piece of text, or an action's inside (trimmed of markers and spaces). */
    record Token(boolean action, String body, int pos) {
        String keyword() {
            String b = body.trim();
            int space = b.indexOf(' ');
            return space < 0 ? b : b.substring(0, space);
        }
    }

    private void lex() {
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf("{{", i);
            if (open < 0) {
                tokens.add(new Token(false, text.substring(i), i));
                break;
            }
            int close = text.indexOf("}}", open + 2);
            if (close < 0) throw parseError(open, "unclosed action");
            String inner = text.substring(open + 2, close);
            boolean trimLeft = inner.startsWith("- ") || inner.equals("-");
            boolean trimRight = inner.endsWith(" -");
            String textPart = text.substring(i, open);
            if (trimLeft) textPart = textPart.stripTrailing();
            tokens.add(new Token(false, textPart, i));
            int bodyStart = open + 2 + (trimLeft ? 2 : 0);
            String body = inner.substring(trimLeft ? 2 : 0, inner.length() - (trimRight ? 2 : 0));
            int lead = body.length() - body.stripLeading().length();
            tokens.add(new Token(true, body.strip(), bodyStart + lead));
            i = close + 2;
            if (trimRight) {
                while (i < text.length() && Character.isWhitespace(text.charAt(i))) i++;
            }
        }
    }

    // ---- parsing into nodes ----

    sealed interface Node permits TextNode, OutputNode, IfNode, RangeNode, WithNode {}

    record TextNode(String text) implements Node {}

    record OutputNode(Pipeline pipe) implements Node {}

    record IfNode(Pipeline cond, List<Node> then, List<Node> otherwise) implements Node {}

    record RangeNode(String keyVar, String valueVar, Pipeline over, List<Node> body, List<Node> otherwise)
            implements Node {}

    record WithNode(Pipeline value, List<Node> body, List<Node> otherwise) implements Node {}

    record Pipeline(List<List<Term>> commands, int pos) {}

    /** An operand: a field chain on dot, a variable or a parenthesised pipeline, a literal, or a function name. */
    record Term(String kind, String text, List<String> fields, Object literal, Pipeline inner, int pos) {}

    /** Parses nodes up to {{end}} or {{else}} (left for the caller) when nested. */
    private List<Node> parseList(boolean nested) {
        List<Node> nodes = new ArrayList<>();
        while (next < tokens.size()) {
            Token t = tokens.get(next);
            if (!t.action()) {
                if (!t.body().isEmpty()) nodes.add(new TextNode(t.body()));
                next++;
                continue;
            }
            String body = t.body();
            if (body.startsWith("/*")) {
                next++;
                continue;
            }
            String kw = t.keyword();
            if (kw.equals("end") || kw.equals("else")) {
                if (!nested) throw parseError(t.pos(), "unexpected {{" + kw + "}}");
                return nodes;
            }
            next++;
            switch (kw) {
                case "if" -> nodes.add(parseIf(t, body.substring(2).trim()));
                case "range" -> nodes.add(parseRange(t, body.substring(5).trim()));
                case "with" -> {
                    Pipeline value = pipeline(body.substring(4).trim(), t.pos() + 4);
                    List<Node> inner = parseList(true);
                    nodes.add(new WithNode(value, inner, elseBranch(t)));
                }
                default -> nodes.add(new OutputNode(pipeline(body, t.pos())));
            }
        }
        if (nested) throw parseError(text.length(), "unexpected EOF");
        return nodes;
    }

    private IfNode parseIf(Token t, String condition) {
        Pipeline cond = pipeline(condition, t.pos() + 3);
        List<Node> then = parseList(true);
        Token closing = tokens.get(next);
        String rest = closing.body().substring(closing.keyword().length()).trim();
        if (closing.keyword().equals("else") && rest.startsWith("if ")) {
            next++;
            return new IfNode(
                    cond, then, List.of(parseIf(closing, rest.substring(3).trim())));
        }
        return new IfNode(cond, then, elseBranch(t));
    }

    private RangeNode parseRange(Token t, String spec) {
        String keyVar = null, valueVar = null;
        int assign = spec.indexOf(":=");
        if (assign >= 0) {
            String[] names = spec.substring(0, assign).split(",");
            if (names.length == 2) {
                keyVar = names[0].trim();
                valueVar = names[1].trim();
            } else {
                valueVar = names[0].trim();
            }
            spec = spec.substring(assign + 2).trim();
        }
        Pipeline over = pipeline(spec, t.pos() + 6);
        List<Node> body = parseList(true);
        return new RangeNode(keyVar, valueVar, over, body, elseBranch(t));
    }

    /** At {{else}} or {{end}}: the else branch (possibly empty), consuming the closing {{end}}. */
    private List<Node> elseBranch(Token opener) {
        Token closing = tokens.get(next++);
        if (closing.keyword().equals("end")) return List.of();
        List<Node> otherwise = parseList(true);
        Token end = tokens.get(next++);
        if (!end.keyword().equals("end")) throw parseError(end.pos(), "expected end; found {{" + end.keyword() + "}}");
        return otherwise;
    }

    private Pipeline pipeline(String source, int pos) {
        List<List<Term>> commands = new ArrayList<>();
        List<Term> command = new ArrayList<>();
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '|') {
                commands.add(command);
                command = new ArrayList<>();
                i++;
            } else if (c == '(') {
                int depth = 0, j = i;
                for (; j < source.length(); j++) {
                    if (source.charAt(j) == '(') depth++;
                    if (source.charAt(j) == ')' && --depth == 0) break;
                }
                if (j >= source.length()) throw parseError(pos + i, "unclosed left paren");
                Pipeline inner = pipeline(source.substring(i + 1, j), pos + i + 1);
                i = j + 1;
                List<String> fields = new ArrayList<>();
                int end = fieldChain(source, i, fields);
                command.add(new Term("pipe", source.substring(i, end), fields, null, inner, pos + i));
                i = end;
            } else if (c == '"' || c == '`') {
                int end = c == '`' ? source.indexOf('`', i + 1) : closingQuote(source, i);
                if (end < 0) throw parseError(pos + i, "unterminated quoted string");
                String raw = source.substring(i, end + 1);
                command.add(new Term(
                        "literal",
                        raw,
                        List.of(),
                        c == '`' ? raw.substring(1, raw.length() - 1) : unquote(raw),
                        null,
                        pos + i));
                i = end + 1;
            } else {
                int end = i;
                while (end < source.length()
                        && !Character.isWhitespace(source.charAt(end))
                        && "|()".indexOf(source.charAt(end)) < 0) end++;
                command.add(word(source.substring(i, end), pos + i));
                i = end;
            }
        }
        commands.add(command);
        for (List<Term> cmd : commands) if (cmd.isEmpty()) throw parseError(pos, "missing value for command");
        return new Pipeline(commands, pos);
    }

    private static int fieldChain(String s, int i, List<String> fields) {
        while (i < s.length() && s.charAt(i) == '.') {
            int end = i + 1;
            while (end < s.length() && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '_')) end++;
            fields.add(s.substring(i + 1, end));
            i = end;
        }
        return i;
    }

    private static int closingQuote(String s, int open) {
        for (int i = open + 1; i < s.length(); i++) {
            if (s.charAt(i) == '\\') i++;
            else if (s.charAt(i) == '"') return i;
        }
        return -1;
    }

    private static String unquote(String quoted) {
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < quoted.length() - 1; i++) {
            char c = quoted.charAt(i);
            if (c == '\\' && i + 1 < quoted.length() - 1) {
                char e = quoted.charAt(++i);
                out.append(
                        switch (e) {
                            case 'n' -> '\n';
                            case 't' -> '\t';
                            case 'r' -> '\r';
                            default -> e;
                        });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private Term word(String w, int pos) {
        if (w.equals(".")) return new Term("field", w, List.of(), null, null, pos);
        if (w.startsWith(".")) {
            List<String> fields = new ArrayList<>();
            fieldChain(w, 0, fields);
            return new Term("field", w, fields, null, null, pos);
        }
        if (w.startsWith("$")) {
            int dot = w.indexOf('.');
            String name = dot < 0 ? w : w.substring(0, dot);
            List<String> fields = new ArrayList<>();
            if (dot >= 0) fieldChain(w, dot, fields);
            return new Term("variable", name, fields, null, null, pos);
        }
        if (w.equals("true") || w.equals("false"))
            return new Term("literal", w, List.of(), Boolean.valueOf(w), null, pos);
        if (w.equals("nil")) return new Term("literal", w, List.of(), null, null, pos);
        if (w.matches("[-+]?[0-9][0-9.eE+-]*")) {
            try {
                return new Term("literal", w, List.of(), Double.valueOf(w), null, pos);
            } catch (NumberFormatException e) {
                throw parseError(pos, "bad number syntax: \"" + w + "\"");
            }
        }
        if (!FUNCTIONS.contains(w)) throw parseError(pos, "function \"" + w + "\" not defined");
        return new Term("function", w, List.of(), null, null, pos);
    }

    static final List<String> FUNCTIONS = List.of(
            "len", "index", "eq", "ne", "lt", "le", "gt", "ge", "and", "or", "not", "print", "printf", "println");

    private IllegalArgumentException parseError(int pos, String message) {
        int line = 1;
        for (int i = 0; i < pos && i < text.length(); i++) if (text.charAt(i) == '\n') line++;
        return new IllegalArgumentException("template: template:" + line + ": " + message);
    }
}
