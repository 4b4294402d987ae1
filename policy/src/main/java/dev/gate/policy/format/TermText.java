package dev.gate.policy.format;

import dev.gate.policy.ast.Expr;
import dev.gate.policy.ast.Literal;
import dev.gate.policy.ast.Term;
import dev.gate.policy.builtins.support.GoQuote;
import dev.gate.policy.syntax.Source;
import dev.gate.policy.syntax.Span;
import dev.gate.policy.value.NumberValue;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Terms and body literals as {@code opa fmt} writes them: operators spaced, an infix operand that is itself an infix
 * call in parentheses (except directly under a literal), scalars as written, and collections, calls and
 * comprehensions that spanned several lines laid out one source line of elements per line with a trailing comma.
 * Long as opa fmt's own term writer is, and for the same reason: every kind of term is written by one method that the
 * others call for the terms inside it.
 */
final class TermText {
    private static final Map<String, String> INFIX = Map.ofEntries(
            Map.entry("plus", "+"),
            Map.entry("minus", "-"),
            Map.entry("mul", "*"),
            Map.entry("div", "/"),
            Map.entry("rem", "%"),
            Map.entry("and", "&"),
            Map.entry("or", "|"),
            Map.entry("equal", "=="),
            Map.entry("neq", "!="),
            Map.entry("lt", "<"),
            Map.entry("lte", "<="),
            Map.entry("gt", ">"),
            Map.entry("gte", ">="),
            Map.entry("internal.member_2", "in"));
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern NUMBER = Pattern.compile("(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");

    private final Source source;
    private final SourceComments comments;
    /** The keywords of the module's dialect, with those it imports. */
    private final Set<String> keywords;

    TermText(Source source, SourceComments comments, Set<String> keywords) {
        this.source = source;
        this.comments = comments;
        this.keywords = keywords;
    }

    /**
     * One body literal at the given depth of indentation (its first line is not indented here). A {@code with} that
     * starts a line of its own after the expression keeps it, one level deeper.
     */
    String literal(Literal l, int depth) {
        StringBuilder out = new StringBuilder(l.negated() ? "not " : "")
                .append(expr(l.expr(), depth, l.span().line()));
        if (l.withs().isEmpty()) return out.toString();
        int lastLine = comments.codeLineBefore(l.withs().get(0).span().start());
        boolean indented = false;
        for (int i = 0; i < l.withs().size(); i++) {
            Literal.With w = l.withs().get(i);
            boolean ownLine = w.span().line() > lastLine;
            indented |= ownLine;
            int d = indented ? depth + 1 : depth;
            out.append(ownLine ? "\n" + indent(d) : " ")
                    .append("with ")
                    .append(term(w.target(), d))
                    .append(" as ")
                    .append(term(w.value(), d));
            lastLine = Math.max(lastLine, w.span().line());
            // A with on a line of its own keeps the comment after it, as the last code of that line.
            boolean lastOfLine =
                    i + 1 == l.withs().size() || l.withs().get(i + 1).span().line() > lastLine;
            if (indented && lastOfLine) out.append(comments.trailing(lastLine));
        }
        return out.toString();
    }

    private String expr(Expr e, int depth, int line) {
        if (e instanceof Expr.Assign a) return term(a.left(), depth) + " := " + term(a.right(), depth);
        if (e instanceof Expr.Unify u) return term(u.left(), depth) + " = " + term(u.right(), depth);
        if (e instanceof Expr.SomeVars s)
            return "some "
                    + String.join(
                            ", ", s.vars().stream().map(v -> term(v, depth)).toList());
        if (e instanceof Expr.SomeIn s) {
            return "some " + (s.key() == null ? "" : term(s.key(), depth) + ", ") + term(s.value(), depth) + " in "
                    + term(s.collection(), depth);
        }
        if (e instanceof Expr.Every ev) {
            String head = "every " + (ev.key() == null ? "" : term(ev.key(), depth) + ", ") + term(ev.value(), depth)
                    + " in " + term(ev.domain(), depth) + " ";
            List<Literal> body = ev.body();
            return head + "{" + block(body, line, depth)
                    + (body.size() == 1 && body.get(0).span().line() == line ? " }" : "}");
        }
        if (e instanceof Expr.Logical g) return logical(g, depth, line);
        Term t = ((Expr.TermExpr) e).term();
        // Directly under a literal only membership sets its infix operands apart: (1 + 1) in xs, but a + b == c.
        return t instanceof Term.Call c && isInfix(c)
                ? infix(c, depth, c.name().startsWith("internal.member_"))
                : term(t, depth);
    }

    /**
     * {@code a and b} and {@code a or b}, as one chain where operators associate as written; {@code not { body }} when
     * the operand was written in braces (or holds several literals), else {@code not (...)} where the operand needs it.
     * An operand that starts on a line after its operator keeps that line, one level deeper.
     */
    private String logical(Expr.Logical g, int depth, int line) {
        if (g.operands().size() == 1) {
            List<Literal> body = g.operands().get(0);
            if (g.braced(0) || body.size() != 1)
                return "{" + block(body, line, depth) + (last(body).span().line() == line ? " }" : "}");
            Literal only = body.get(0);
            boolean parens = !only.withs().isEmpty()
                    || isChain(only)
                    || only.negated() && only.expr() instanceof Expr.Logical
                    || rendersBraceLead(only.expr());
            return parens ? "(" + literal(only, depth) + ")" : literal(only, depth);
        }
        List<Step> steps = new ArrayList<>();
        Operand first = flatten(g, steps);
        StringBuilder out = new StringBuilder(operand(first, depth));
        boolean indented = false;
        for (Step s : steps) {
            out.append(s.op() == Expr.Logical.Op.OR ? " or" : " and");
            if (comments.lineOf(s.startOffset()) > operatorLine(s)) {
                indented = true;
                out.append('\n').append(indent(depth + 1));
            } else {
                out.append(' ');
            }
            out.append(operand(s.rhs(), indented ? depth + 1 : depth));
        }
        return out.toString();
    }

    /** One operand of a chain: written in braces, or as its literal, in parentheses where it needs them. */
    private record Operand(List<Literal> body, boolean explicit, boolean parens, int brace) {}

    private record Step(Expr.Logical.Op op, Operand rhs) {
        int startOffset() {
            return rhs.explicit() ? rhs.brace() : rhs.body().get(0).span().start();
        }
    }

    /** The line of the operator before an operand: the last code before it, past an opening parenthesis. */
    private int operatorLine(Step s) {
        int at = s.startOffset();
        while (at > 0
                && (Character.isWhitespace(source.text().charAt(at - 1))
                        || source.text().charAt(at - 1) == '(')) at--;
        return comments.codeLineBefore(at);
    }

    /** The first operand of a chain; its operators, left to right, go to {@code steps}. */
    private Operand flatten(Expr.Logical g, List<Step> steps) {
        Step step = new Step(g.op(), operand(g, 1, g.op(), true));
        List<Literal> lhs = g.operands().get(0);
        if (!g.braced(0) && lhs.size() == 1 && isChain(lhs.get(0)) && !needsParens(lhs.get(0), g.op(), false)) {
            Operand first = flatten((Expr.Logical) lhs.get(0).expr(), steps);
            steps.add(step);
            return first;
        }
        steps.add(step);
        return operand(g, 0, g.op(), false);
    }

    private Operand operand(Expr.Logical g, int i, Expr.Logical.Op parent, boolean right) {
        List<Literal> body = g.operands().get(i);
        if (g.braced(i) || body.size() != 1)
            return new Operand(
                    body, true, false, comments.before(body.get(0).span().start(), '{'));
        return new Operand(body, false, needsParens(body.get(0), parent, right), -1);
    }

    private String operand(Operand o, int depth) {
        if (!o.explicit())
            return o.parens()
                    ? "(" + literal(o.body().get(0), depth) + ")"
                    : literal(o.body().get(0), depth);
        int braceLine = comments.lineOf(o.brace());
        return "{" + block(o.body(), braceLine, depth) + (last(o.body()).span().line() == braceLine ? " }" : "}");
    }

    /** An operand needs parentheses to be read back as itself: a with, a chain binding looser, or a leading brace. */
    private static boolean needsParens(Literal l, Expr.Logical.Op parent, boolean right) {
        if (!l.withs().isEmpty()) return true;
        if (isChain(l)) {
            return ((Expr.Logical) l.expr()).op() == Expr.Logical.Op.OR
                    ? parent == Expr.Logical.Op.AND || right
                    : parent == Expr.Logical.Op.AND && right;
        }
        return rendersBraceLead(l.expr());
    }

    private static boolean isChain(Literal l) {
        return l.expr() instanceof Expr.Logical g && g.operands().size() == 2;
    }

    /** The expression is written starting with a brace, which an operand position would read as a body. */
    private static boolean rendersBraceLead(Expr e) {
        if (e instanceof Expr.TermExpr t) return braceLead(t.term());
        if (e instanceof Expr.Unify u) return braceLead(u.left());
        if (e instanceof Expr.Assign a) return braceLead(a.left());
        return false;
    }

    private static boolean braceLead(Term t) {
        if (t instanceof Term.SetTerm s) return !s.elements().isEmpty();
        if (t instanceof Term.ObjectTerm || t instanceof Term.SetComprehension || t instanceof Term.ObjectComprehension)
            return true;
        if (t instanceof Term.Ref r) return braceLead(r.head());
        return t instanceof Term.Call c && isInfix(c) && braceLead(c.args().get(0));
    }

    private static Literal last(List<Literal> body) {
        return body.get(body.size() - 1);
    }

    private static int line(Term t) {
        return t.span().line();
    }

    /**
     * The literals of a body after its opening on line {@code open}: {@code " a; b"} when they all stand on that line,
     * else one a line, one level deeper, with their comments and the blank lines between them, and the closing
     * indentation.
     */
    private String block(List<Literal> body, int open, int depth) {
        boolean multiLine = body.get(0).span().line() > open;
        for (int i = 1; i < body.size(); i++)
            multiLine |= body.get(i).span().line() > body.get(i - 1).span().line();
        if (!multiLine)
            return " "
                    + String.join(
                            "; ", body.stream().map(l -> literal(l, depth)).toList());
        StringBuilder out = new StringBuilder("\n");
        int previous = open;
        for (int i = 0; i < body.size(); i++) {
            Literal l = body.get(i);
            int line = l.span().line();
            if (i > 0 && line > comments.codeLineBefore(l.span().start()) + 1) out.append('\n');
            out.append(comments.ownLines(previous, line, depth + 1));
            out.append(indent(depth + 1))
                    .append(withTrailingComment(literal(l, depth + 1), line))
                    .append('\n');
            previous = line;
        }
        return out.append(indent(depth)).toString();
    }

    /** The text of a statement that starts on {@code line}, with the comment after that line's code on its first line. */
    String withTrailingComment(String text, int line) {
        String trailing = comments.trailing(line);
        int firstBreak = text.indexOf('\n');
        return firstBreak < 0 ? text + trailing : text.substring(0, firstBreak) + trailing + text.substring(firstBreak);
    }

    String term(Term t, int depth) {
        if (t instanceof Term.Scalar s) return scalar(s);
        if (t instanceof Term.Var v) return v.isWildcard() ? "_" : v.name();
        if (t instanceof Term.Ref r) return ref(r, depth);
        if (t instanceof Term.Call c && c.name().equals("internal.member_3") && isInfix(c))
            return "(" + infix(c, depth, true) + ")";
        if (t instanceof Term.Call c) return isInfix(c) ? infix(c, depth, true) : call(c, depth);
        if (t instanceof Term.ArrayTerm a) return collection(a.elements(), this::term, depth, "[", "]", a.span(), true);
        if (t instanceof Term.SetTerm s) {
            return s.elements().isEmpty()
                    ? "set()"
                    : collection(distinct(s.elements()), this::term, depth, "{", "}", s.span(), true);
        }
        if (t instanceof Term.ObjectTerm o) {
            List<Term> keys = o.entries().stream().map(Term.Entry::key).toList();
            return collection(
                    keys, (k, d) -> term(k, d) + ": " + term(valueOf(o, k), d), depth, "{", "}", o.span(), true);
        }
        if (t instanceof Term.ArrayComprehension c)
            return "[" + term(c.head(), depth) + " |" + block(c.body(), line(c.head()), depth) + "]";
        if (t instanceof Term.SetComprehension c)
            return "{" + term(c.head(), depth) + " |" + block(c.body(), line(c.head()), depth) + "}";
        if (t instanceof Term.ObjectComprehension c) {
            return "{" + term(c.key(), depth) + ": " + term(c.value(), depth) + " |"
                    + block(c.body(), line(c.key()), depth) + "}";
        }
        if (t instanceof Term.Template tt
                && !comments.within(tt.span().start(), tt.span().end())) return template(tt, depth);
        return text(t.span());
    }

    /**
     * A template string as OPA reads and writes it back: an expression that is just a string, number, boolean or null
     * becomes part of the text; each text part has its unescaped braces escaped; other expressions are formatted.
     */
    private String template(Term.Template t, int depth) {
        boolean raw = source.text().charAt(t.span().start() + 1) == '`';
        StringBuilder out = new StringBuilder(raw ? "$`" : "$\"");
        for (Object part : t.parts()) {
            if (part instanceof String text) {
                out.append(templateText(text, raw));
            } else if (part instanceof Literal l
                    && !l.negated()
                    && l.expr() instanceof Expr.TermExpr e
                    && e.term() instanceof Term.Scalar s) {
                out.append(s.value() instanceof StringValue str ? templateText(str.value(), raw) : scalar(s));
            } else {
                out.append('{').append(literal((Literal) part, depth)).append('}');
            }
        }
        return out.append(raw ? '`' : '"').toString();
    }

    /** Text of a template: quoted as Go quotes it unless raw, then each {@code {} not after a backslash escaped. */
    private static String templateText(String text, boolean raw) {
        String quoted = raw ? text : GoQuote.quote(text);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < quoted.length(); i++) {
            char c = quoted.charAt(i);
            if (c == '{' && (i == 0 || quoted.charAt(i - 1) != '\\')) out.append('\\');
            out.append(c);
        }
        return raw ? out.toString() : out.substring(1, out.length() - 1);
    }

    private static Term valueOf(Term.ObjectTerm o, Term key) {
        for (Term.Entry e : o.entries()) if (e.key() == key) return e.value();
        throw new IllegalStateException("no entry");
    }

    /** {@code wrapOperands}: infix operands in parentheses, as OPA writes them except directly under a literal. */
    private String infix(Term.Call c, int depth, boolean wrapOperands) {
        List<String> operands = new ArrayList<>();
        for (Term a : c.args()) {
            // Memberships chain without parentheses (a in b in c); a k, v membership brings its own.
            boolean chained = c.name().startsWith("internal.member_")
                    && a instanceof Term.Call in
                    && in.name().equals("internal.member_2");
            boolean wrap = wrapOperands
                    && !chained
                    && a instanceof Term.Call inner
                    && isInfix(inner)
                    && !inner.name().equals("internal.member_3");
            operands.add(wrap ? "(" + term(a, depth) + ")" : term(a, depth));
        }
        return c.name().equals("internal.member_3")
                ? operands.get(0) + ", " + operands.get(1) + " in " + operands.get(2)
                : operands.get(0) + " " + INFIX.get(c.name()) + " " + operands.get(1);
    }

    private static boolean isInfix(Term.Call c) {
        return (INFIX.containsKey(c.name()) && c.args().size() == 2)
                || (c.name().equals("internal.member_3") && c.args().size() == 3);
    }

    private String call(Term.Call c, int depth) {
        return c.name() + collection(c.args(), this::term, depth, "(", ")", c.span(), false);
    }

    private String ref(Term.Ref r, int depth) {
        StringBuilder out = new StringBuilder(term(r.head(), depth));
        for (Term e : r.path()) {
            if (e instanceof Term.Scalar s
                    && s.value() instanceof StringValue str
                    && isName(str.value())
                    && !(keywords.contains(str.value()) && text(s.span()).startsWith("\""))) {
                // A keyword written in brackets stays so; any other name is written after a dot.
                out.append('.').append(str.value());
            } else {
                out.append('[').append(term(e, depth)).append(']');
            }
        }
        return out.toString();
    }

    /** A set's elements as OPA reads them: the first of equal scalars ({@code 3.5} and {@code 3.50} are one number). */
    private static List<Term> distinct(List<Term> elements) {
        Map<Object, Term> seen = new LinkedHashMap<>();
        for (Term e : elements) {
            Object key = e instanceof Term.Scalar sc && sc.value() instanceof NumberValue n
                    ? n.decimal().stripTrailingZeros()
                    : e instanceof Term.Scalar sc ? sc.value() : e;
            seen.putIfAbsent(key, e);
        }
        return List.copyOf(seen.values());
    }

    /**
     * Inline, or, when the elements were written over several lines, one source line of them per line, one level
     * deeper than the line the collection opens on ({@code opening}), with the comments between them. A collection
     * literal (not a call's arguments) whose first element starts a line is laid out so too; one whose elements share
     * a line but not with the comments inside it stays as it was written, as opa fmt leaves it.
     */
    private String collection(
            List<Term> items,
            BiFunction<Term, Integer, String> write,
            int depth,
            String open,
            String close,
            Span opening,
            boolean literal) {
        if (items.isEmpty()) return open + close;
        int openLine = opening.line();
        // Elements are grouped by the line they start on; as OPA, not when one holds a compiler-generated variable
        // (__local0__), whose place in the source is not to be trusted.
        List<List<Term>> lines = new ArrayList<>();
        int line = -1;
        boolean generated = items.stream().anyMatch(TermText::holdsGeneratedVar);
        for (Term t : items) {
            if (lines.isEmpty() || !generated && t.span().line() != line) lines.add(new ArrayList<>());
            line = t.span().line();
            lines.get(lines.size() - 1).add(t);
        }
        if (literal && lines.size() == 1) {
            int end = comments.closing(opening.start());
            if (end > 0 && comments.markOwnLines(openLine, comments.lineOf(end - 1)))
                return source.text().substring(opening.start(), end);
        }
        boolean firstStartsLine = literal && items.get(0).span().line() > openLine;
        if (lines.size() == 1 && !firstStartsLine) {
            return open
                    + String.join(
                            ", ", items.stream().map(x -> write.apply(x, depth)).toList())
                    + close;
        }
        StringBuilder out = new StringBuilder(open).append('\n');
        int previous = openLine;
        for (List<Term> group : lines) {
            int start = group.get(0).span().line();
            out.append(comments.ownLines(previous, start, depth + 1));
            previous = start;
            out.append(indent(depth + 1))
                    .append(String.join(
                            ", ",
                            group.stream().map(x -> write.apply(x, depth + 1)).toList()))
                    .append(",\n");
        }
        return out.append(indent(depth)).append(close).toString();
    }

    /** A scalar as it was written (1.50 stays 1.50, a raw string stays raw); one the parser made up as its value. */
    private String scalar(Term.Scalar s) {
        String written = text(s.span());
        Value v = s.value();
        if (v instanceof StringValue) return written.startsWith("\"") || written.startsWith("`") ? written : v.toJson();
        if (v instanceof NumberValue n) {
            // OPA keeps a number's text: its digits as written (.5 stays so), and its sign (-0 too).
            Matcher m = NUMBER.matcher(source.text())
                    .region(s.span().start(), source.text().length());
            if (m.lookingAt()) {
                String digits = m.group();
                try {
                    BigDecimal value = NumberValue.parse(digits.startsWith(".") ? "0" + digits : digits)
                            .decimal();
                    boolean minus = n.decimal().signum() < 0
                            || unaryMinusBefore(s.span().start());
                    if (value.compareTo(n.decimal().abs()) == 0) return (minus ? "-" : "") + digits;
                } catch (RuntimeException tooLong) {
                    // written otherwise than OPA reads numbers: its value is what OPA writes
                }
            }
            return v.toString();
        }
        return v.toJson();
    }

    /** A minus sign right before {@code offset} that negates what follows (not one that subtracts it). */
    private boolean unaryMinusBefore(int offset) {
        String text = source.text();
        if (offset == 0 || text.charAt(offset - 1) != '-') return false;
        int i = offset - 2;
        while (i >= 0 && Character.isWhitespace(text.charAt(i))) i--;
        return i < 0 || "([{,:=|;&<>!+-*/%".indexOf(text.charAt(i)) >= 0;
    }

    private static boolean holdsGeneratedVar(Term t) {
        if (t instanceof Term.Var v)
            return v.name().startsWith("__local") && v.name().endsWith("__");
        if (t instanceof Term.Ref r)
            return holdsGeneratedVar(r.head()) || r.path().stream().anyMatch(TermText::holdsGeneratedVar);
        if (t instanceof Term.Call c) return c.args().stream().anyMatch(TermText::holdsGeneratedVar);
        if (t instanceof Term.ArrayTerm a) return a.elements().stream().anyMatch(TermText::holdsGeneratedVar);
        if (t instanceof Term.SetTerm st) return st.elements().stream().anyMatch(TermText::holdsGeneratedVar);
        if (t instanceof Term.ObjectTerm o)
            return o.entries().stream().anyMatch(e -> holdsGeneratedVar(e.key()) || holdsGeneratedVar(e.value()));
        return false;
    }

    private String text(Span span) {
        return source.text()
                .substring(span.start(), Math.min(span.end(), source.text().length()));
    }

    /** A name a reference may write after a dot. */
    static boolean isName(String s) {
        return NAME.matcher(s).matches();
    }

    static String indent(int depth) {
        return "\t".repeat(depth);
    }
}
