package dev.gate.policy.builtins.support;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * strings.render_template: Go's text/template with missingkey=error over JSON-shaped data (maps with string keys,
 * lists, strings, Double numbers as json.Unmarshal makes them, Booleans, null). Supported: fields and chains
 * ({@code .a.b}, {@code $}, {@code $x.a}), {@code if / else if / else}, {@code range} (with {@code $i, $v :=}),
 * {@code with}, pipelines, parentheses, comments, {@code {{-} / {@code -}}} trimming, and the functions len, index,
 * eq, ne, lt, le, gt, ge, and, or, not, print, printf, println. Errors read as Go's, e.g.
 * {@code template: template:1:2: executing "template" at <.x>: map has no entry for key "x"}.
 */
public final class GoTextTemplate {
    private final String text;
    private final List<Token> tokens = new ArrayList<>();
    private int next;

    private GoTextTemplate(String text) { this.text = text; }

    public static String render(String template, Object data) {
        GoTextTemplate t = new GoTextTemplate(template);
        t.lex();
        List<Node> body = t.parseList(false);
        if (t.next < t.tokens.size()) {
            Token extra = t.tokens.get(t.next);
            throw t.parseError(extra.pos, "unexpected {{" + extra.keyword() + "}}");
        }
        StringBuilder out = new StringBuilder();
        Map<String, Object> vars = new HashMap<>();
        vars.put("$", data);
        t.run(body, data, vars, out);
        return out.toString();
    }

    // ---- lexing: text and actions ----

    /** A piece of text, or an action's inside (trimmed of markers and spaces). */
    private record Token(boolean action, String body, int pos) {
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

    private sealed interface Node permits TextNode, OutputNode, IfNode, RangeNode, WithNode {}
    private record TextNode(String text) implements Node {}
    private record OutputNode(Pipeline pipe) implements Node {}
    private record IfNode(Pipeline cond, List<Node> then, List<Node> otherwise) implements Node {}
    private record RangeNode(String keyVar, String valueVar, Pipeline over, List<Node> body, List<Node> otherwise) implements Node {}
    private record WithNode(Pipeline value, List<Node> body, List<Node> otherwise) implements Node {}

    private record Pipeline(List<List<Term>> commands, int pos) {}

    /** An operand: a field chain on dot, a variable or a parenthesised pipeline, a literal, or a function name. */
    private record Term(String kind, String text, List<String> fields, Object literal, Pipeline inner, int pos) {}

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
            return new IfNode(cond, then, List.of(parseIf(closing, rest.substring(3).trim())));
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
                command.add(new Term("literal", raw, List.of(), c == '`' ? raw.substring(1, raw.length() - 1) : unquote(raw), null, pos + i));
                i = end + 1;
            } else {
                int end = i;
                while (end < source.length() && !Character.isWhitespace(source.charAt(end)) && "|()".indexOf(source.charAt(end)) < 0) end++;
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
                out.append(switch (e) {
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
        if (w.equals("true") || w.equals("false")) return new Term("literal", w, List.of(), Boolean.valueOf(w), null, pos);
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

    private static final List<String> FUNCTIONS = List.of("len", "index", "eq", "ne", "lt", "le", "gt", "ge", "and", "or", "not",
            "print", "printf", "println");

    // ---- execution ----

    private void run(List<Node> nodes, Object dot, Map<String, Object> vars, StringBuilder out) {
        for (Node n : nodes) {
            if (n instanceof TextNode t) {
                out.append(t.text());
            } else if (n instanceof OutputNode o) {
                out.append(print(eval(o.pipe(), dot, vars)));
            } else if (n instanceof IfNode i) {
                run(truthy(eval(i.cond(), dot, vars)) ? i.then() : i.otherwise(), dot, vars, out);
            } else if (n instanceof WithNode w) {
                Object v = eval(w.value(), dot, vars);
                if (truthy(v)) run(w.body(), v, vars, out);
                else run(w.otherwise(), dot, vars, out);
            } else if (n instanceof RangeNode r) {
                range(r, dot, vars, out);
            }
        }
    }

    private void range(RangeNode r, Object dot, Map<String, Object> vars, StringBuilder out) {
        Object over = eval(r.over(), dot, vars);
        List<Object[]> items = new ArrayList<>();
        if (over instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) items.add(new Object[] {(double) i, list.get(i)});
        } else if (over instanceof Map<?, ?> map) {
            new TreeMap<>(map).forEach((k, v) -> items.add(new Object[] {k, v}));
        } else if (over != null) {
            throw execError(r.over().pos(), "range can't iterate over " + print(over));
        }
        if (items.isEmpty()) {
            run(r.otherwise(), dot, vars, out);
            return;
        }
        for (Object[] item : items) {
            Map<String, Object> scope = new HashMap<>(vars);
            if (r.keyVar() != null) scope.put(r.keyVar(), item[0] instanceof Double d ? (Object) (double) d.intValue() : item[0]);
            if (r.valueVar() != null) scope.put(r.valueVar(), item[1]);
            run(r.body(), item[1], scope, out);
        }
    }

    private Object eval(Pipeline p, Object dot, Map<String, Object> vars) {
        Object result = null;
        boolean first = true;
        for (List<Term> command : p.commands()) {
            List<Object> extra = first ? List.of() : java.util.Collections.singletonList(result);
            result = command(command, dot, vars, extra);
            first = false;
        }
        return result;
    }

    private Object command(List<Term> command, Object dot, Map<String, Object> vars, List<Object> piped) {
        Term head = command.get(0);
        if (head.kind().equals("function")) {
            List<Object> args = new ArrayList<>();
            for (Term t : command.subList(1, command.size())) args.add(operand(t, dot, vars));
            args.addAll(piped);
            return call(head, args);
        }
        if (command.size() > 1 || !piped.isEmpty()) throw execError(head.pos(), "can't give argument to non-function " + head.text());
        return operand(head, dot, vars);
    }

    private Object operand(Term t, Object dot, Map<String, Object> vars) {
        return switch (t.kind()) {
            case "literal" -> t.literal();
            case "field" -> fields(t, dot, t.fields());
            case "variable" -> {
                if (!vars.containsKey(t.text())) throw execError(t.pos(), "undefined variable: " + t.text());
                yield fields(t, vars.get(t.text()), t.fields());
            }
            case "pipe" -> fields(t, eval(t.inner(), dot, vars), t.fields());
            default -> call(t, List.of());
        };
    }

    private Object fields(Term t, Object start, List<String> fields) {
        Object v = start;
        for (String f : fields) {
            if (v instanceof Map<?, ?> m) {
                if (!m.containsKey(f)) throw execError(t.pos(), "map has no entry for key \"" + f + "\"", t.text());
                v = m.get(f);
            } else if (v == null) {
                throw execError(t.pos(), "nil pointer evaluating interface {}." + f, t.text());
            } else {
                throw execError(t.pos(), "can't evaluate field " + f + " in type " + goType(v), t.text());
            }
        }
        return v;
    }

    private Object call(Term fn, List<Object> args) {
        String name = fn.text();
        switch (name) {
            case "len" -> {
                Object v = arity(fn, args, 1).get(0);
                if (v instanceof String s) return (double) s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
                if (v instanceof List<?> l) return (double) l.size();
                if (v instanceof Map<?, ?> m) return (double) m.size();
                throw execError(fn.pos(), "error calling len: len of type " + goType(v));
            }
            case "index" -> {
                if (args.isEmpty()) throw execError(fn.pos(), "wrong number of args for index: want at least 1 got 0");
                Object v = args.get(0);
                for (Object key : args.subList(1, args.size())) {
                    if (v instanceof List<?> l && key instanceof Double d) {
                        int i = d.intValue();
                        if (i < 0 || i >= l.size()) throw execError(fn.pos(), "error calling index: index out of range: " + i);
                        v = l.get(i);
                    } else if (v instanceof Map<?, ?> m) {
                        v = m.get(key);
                    } else {
                        throw execError(fn.pos(), "error calling index: can't index item of type " + goType(v));
                    }
                }
                return v;
            }
            case "not" -> {
                return !truthy(arity(fn, args, 1).get(0));
            }
            case "and", "or" -> {
                Object last = null;
                for (Object a : args) {
                    last = a;
                    if (truthy(a) == name.equals("or")) return a;
                }
                return last;
            }
            case "eq", "ne" -> {
                if (args.size() < 2) throw execError(fn.pos(), "wrong number of args for " + name + ": want at least 2 got " + args.size());
                boolean eq = false;
                for (Object other : args.subList(1, args.size())) eq |= java.util.Objects.equals(args.get(0), other);
                return name.equals("eq") == eq;
            }
            case "lt", "le", "gt", "ge" -> {
                List<Object> ab = arity(fn, args, 2);
                int c = compare(fn, ab.get(0), ab.get(1));
                return switch (name) {
                    case "lt" -> c < 0;
                    case "le" -> c <= 0;
                    case "gt" -> c > 0;
                    default -> c >= 0;
                };
            }
            case "print", "println" -> {
                StringBuilder out = new StringBuilder();
                for (int i = 0; i < args.size(); i++) {
                    boolean spaced = name.equals("println") || i > 0 && !(args.get(i) instanceof String) && !(args.get(i - 1) instanceof String);
                    if (i > 0 && spaced) out.append(' ');
                    out.append(print(args.get(i)));
                }
                return name.equals("println") ? out.append('\n').toString() : out.toString();
            }
            case "printf" -> {
                if (args.isEmpty() || !(args.get(0) instanceof String format)) throw execError(fn.pos(), "printf needs a format string");
                List<Object> rest = new ArrayList<>();
                for (Object a : args.subList(1, args.size())) rest.add(a instanceof String || a instanceof Double ? a : print(a));
                return GoFormat.sprintf(format, rest);
            }
            default -> throw execError(fn.pos(), "function \"" + name + "\" not defined");
        }
    }

    private List<Object> arity(Term fn, List<Object> args, int n) {
        if (args.size() != n) throw execError(fn.pos(), "wrong number of args for " + fn.text() + ": want " + n + " got " + args.size());
        return args;
    }

    private int compare(Term fn, Object a, Object b) {
        if (a instanceof Double x && b instanceof Double y) return Double.compare(x, y);
        if (a instanceof String x && b instanceof String y) return x.compareTo(y);
        throw execError(fn.pos(), "error calling " + fn.text() + ": incompatible types for comparison");
    }

    private static boolean truthy(Object v) {
        if (v == null) return false;
        if (v instanceof Boolean b) return b;
        if (v instanceof Double d) return d != 0;
        if (v instanceof String s) return !s.isEmpty();
        if (v instanceof List<?> l) return !l.isEmpty();
        if (v instanceof Map<?, ?> m) return !m.isEmpty();
        return true;
    }

    /** fmt's %v of the JSON-shaped value: lists as [a b], maps as map[k:v] with sorted keys, nil as <no value>. */
    static String print(Object v) {
        if (v == null) return "<no value>";
        return value(v);
    }

    private static String value(Object v) {
        if (v == null) return "<nil>";
        if (v instanceof String s) return s;
        if (v instanceof Double d) return GoFormat.sprintf("%v", List.of(d));
        if (v instanceof List<?> l) {
            List<String> parts = new ArrayList<>();
            for (Object o : l) parts.add(value(o));
            return "[" + String.join(" ", parts) + "]";
        }
        if (v instanceof Map<?, ?> m) {
            List<String> parts = new ArrayList<>();
            new TreeMap<>(m).forEach((k, x) -> parts.add(k + ":" + value(x)));
            return "map[" + String.join(" ", parts) + "]";
        }
        return String.valueOf(v);
    }

    private static String goType(Object v) {
        if (v instanceof String) return "string";
        if (v instanceof Double) return "float64";
        if (v instanceof Boolean) return "bool";
        if (v instanceof List<?>) return "[]interface {}";
        if (v instanceof Map<?, ?>) return "map[string]interface {}";
        return "interface {}";
    }

    private String location(int pos) {
        int line = 1, lineStart = 0;
        for (int i = 0; i < pos && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return "template:" + line + ":" + (pos - lineStart);
    }

    private IllegalArgumentException parseError(int pos, String message) {
        int line = 1;
        for (int i = 0; i < pos && i < text.length(); i++) if (text.charAt(i) == '\n') line++;
        return new IllegalArgumentException("template: template:" + line + ": " + message);
    }

    private IllegalArgumentException execError(int pos, String message) {
        return new IllegalArgumentException("template: " + location(pos) + ": executing \"template\": " + message);
    }

    private IllegalArgumentException execError(int pos, String message, String at) {
        return new IllegalArgumentException("template: " + location(pos) + ": executing \"template\" at <" + at + ">: " + message);
    }
}
