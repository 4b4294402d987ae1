package dev.gate.policy.format;

import dev.gate.policy.ast.Expr;
import dev.gate.policy.ast.Literal;
import dev.gate.policy.ast.Term;
import dev.gate.policy.syntax.Source;
import dev.gate.policy.syntax.Span;
import dev.gate.policy.value.NumberValue;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * Terms and body literals as {@code opa fmt} writes them: operators spaced, an infix operand that is itself an infix
 * call in parentheses (except directly under a literal), scalars as written, and collections, calls and
 * comprehensions that spanned several lines laid out one source line of elements per line with a trailing comma.
 */
final class TermText {
    private static final Map<String, String> INFIX = Map.ofEntries(Map.entry("plus", "+"), Map.entry("minus", "-"),
            Map.entry("mul", "*"), Map.entry("div", "/"), Map.entry("rem", "%"), Map.entry("and", "&"), Map.entry("or", "|"),
            Map.entry("equal", "=="), Map.entry("neq", "!="), Map.entry("lt", "<"), Map.entry("lte", "<="), Map.entry("gt", ">"),
            Map.entry("gte", ">="), Map.entry("internal.member_2", "in"));
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Source source;

    TermText(Source source) { this.source = source; }

    /** One body literal at the given depth of indentation (its first line is not indented here). */
    String literal(Literal l, int depth) {
        StringBuilder out = new StringBuilder(l.negated() ? "not " : "").append(expr(l.expr(), depth, l.span().line()));
        for (Literal.With w : l.withs()) out.append(" with ").append(term(w.target(), depth)).append(" as ").append(term(w.value(), depth));
        return out.toString();
    }

    private String expr(Expr e, int depth, int line) {
        if (e instanceof Expr.Assign a) return term(a.left(), depth) + " := " + term(a.right(), depth);
        if (e instanceof Expr.Unify u) return term(u.left(), depth) + " = " + term(u.right(), depth);
        if (e instanceof Expr.SomeVars s) return "some " + String.join(", ", s.vars().stream().map(v -> term(v, depth)).toList());
        if (e instanceof Expr.SomeIn s) {
            return "some " + (s.key() == null ? "" : term(s.key(), depth) + ", ") + term(s.value(), depth) + " in " + term(s.collection(), depth);
        }
        if (e instanceof Expr.Every ev) {
            String head = "every " + (ev.key() == null ? "" : term(ev.key(), depth) + ", ") + term(ev.value(), depth) + " in "
                    + term(ev.domain(), depth) + " ";
            return head + block(ev.body(), depth, line);
        }
        if (e instanceof Expr.Logical g) return logical(g, depth);
        Term t = ((Expr.TermExpr) e).term();
        // Directly under a literal only membership sets its infix operands apart: (1 + 1) in xs, but a + b == c.
        return t instanceof Term.Call c && isInfix(c) ? infix(c, depth, c.name().startsWith("internal.member_")) : term(t, depth);
    }

    /**
     * {@code a and b}, {@code a or b}, {@code { body }} under not: an operand of one literal is written as it is,
     * parenthesized when it is a chain that binds looser than where it stands (or stands right of its operator).
     */
    private String logical(Expr.Logical g, int depth) {
        if (g.operands().size() == 1) return "{ " + inline(g.operands().get(0), depth) + " }";
        String op = g.op() == Expr.Logical.Op.OR ? " or " : " and ";
        return operand(g.operands().get(0), g.op(), false, depth) + op + operand(g.operands().get(1), g.op(), true, depth);
    }

    private String operand(List<Literal> body, Expr.Logical.Op parent, boolean right, int depth) {
        if (body.size() != 1) return "{ " + inline(body, depth) + " }";
        Literal l = body.get(0);
        String text = literal(l, depth);
        boolean chain = l.expr() instanceof Expr.Logical g && g.operands().size() == 2 && !l.negated();
        boolean loose = chain && (((Expr.Logical) l.expr()).op() == Expr.Logical.Op.OR ? parent == Expr.Logical.Op.AND || right
                : parent == Expr.Logical.Op.AND && right);
        return loose || !l.withs().isEmpty() ? "(" + text + ")" : text;
    }

    private String inline(List<Literal> body, int depth) {
        return String.join("; ", body.stream().map(l -> literal(l, depth)).toList());
    }

    /** An every body: inline when it was one literal on the every's line, else one literal a line. */
    private String block(List<Literal> body, int depth, int line) {
        if (body.size() == 1 && body.get(0).span().line() == line) return "{ " + literal(body.get(0), depth) + " }";
        StringBuilder out = new StringBuilder("{\n");
        for (Literal l : body) out.append(indent(depth + 1)).append(literal(l, depth + 1)).append('\n');
        return out.append(indent(depth)).append('}').toString();
    }

    String term(Term t, int depth) {
        if (t instanceof Term.Scalar s) return scalar(s);
        if (t instanceof Term.Var v) return v.isWildcard() ? "_" : v.name();
        if (t instanceof Term.Ref r) return ref(r, depth);
        if (t instanceof Term.Call c && c.name().equals("internal.member_3") && isInfix(c)) return "(" + infix(c, depth, true) + ")";
        if (t instanceof Term.Call c) return isInfix(c) ? infix(c, depth, true) : call(c, depth);
        if (t instanceof Term.ArrayTerm a) return collection(a.elements(), this::term, depth, "[", "]");
        if (t instanceof Term.SetTerm s) return s.elements().isEmpty() ? "set()" : collection(s.elements(), this::term, depth, "{", "}");
        if (t instanceof Term.ObjectTerm o) {
            List<Term> keys = o.entries().stream().map(Term.Entry::key).toList();
            return collection(keys, (k, d) -> term(k, d) + ": " + term(valueOf(o, k), d), depth, "{", "}");
        }
        if (t instanceof Term.ArrayComprehension c) return comprehension("[", term(c.head(), depth), c.body(), "]", depth);
        if (t instanceof Term.SetComprehension c) return comprehension("{", term(c.head(), depth), c.body(), "}", depth);
        if (t instanceof Term.ObjectComprehension c) {
            return comprehension("{", term(c.key(), depth) + ": " + term(c.value(), depth), c.body(), "}", depth);
        }
        return text(t.span());
    }

    private static Term valueOf(Term.ObjectTerm o, Term key) {
        for (Term.Entry e : o.entries()) if (e.key() == key) return e.value();
        throw new IllegalStateException("no entry");
    }

    private String comprehension(String open, String head, List<Literal> body, String close, int depth) {
        boolean multiLine = body.size() > 1 && body.get(0).span().line() != body.get(body.size() - 1).span().line();
        if (!multiLine) return open + head + " | " + String.join("; ", body.stream().map(l -> literal(l, depth)).toList()) + close;
        StringBuilder out = new StringBuilder(open).append(head).append(" |\n");
        for (Literal l : body) out.append(indent(depth + 1)).append(literal(l, depth + 1)).append('\n');
        return out.append(indent(depth)).append(close).toString();
    }

    /** {@code wrapOperands}: infix operands in parentheses, as OPA writes them except directly under a literal. */
    private String infix(Term.Call c, int depth, boolean wrapOperands) {
        List<String> operands = new ArrayList<>();
        for (Term a : c.args()) {
            // Memberships chain without parentheses (a in b in c); a k, v membership brings its own.
            boolean chained = c.name().startsWith("internal.member_") && a instanceof Term.Call in && in.name().equals("internal.member_2");
            boolean wrap = wrapOperands && !chained && a instanceof Term.Call inner && isInfix(inner) && !inner.name().equals("internal.member_3");
            operands.add(wrap ? "(" + term(a, depth) + ")" : term(a, depth));
        }
        return c.name().equals("internal.member_3") ? operands.get(0) + ", " + operands.get(1) + " in " + operands.get(2)
                : operands.get(0) + " " + INFIX.get(c.name()) + " " + operands.get(1);
    }

    private static boolean isInfix(Term.Call c) {
        return (INFIX.containsKey(c.name()) && c.args().size() == 2) || (c.name().equals("internal.member_3") && c.args().size() == 3);
    }

    private String call(Term.Call c, int depth) {
        return c.name() + collection(c.args(), this::term, depth, "(", ")");
    }

    private String ref(Term.Ref r, int depth) {
        StringBuilder out = new StringBuilder(term(r.head(), depth));
        for (Term e : r.path()) {
            if (e instanceof Term.Scalar s && s.value() instanceof StringValue str && isName(str.value())) {
                out.append('.').append(str.value());
            } else {
                out.append('[').append(term(e, depth)).append(']');
            }
        }
        return out.toString();
    }

    /**
     * Inline, or, when the elements were written over several lines, one source line of them per line, one level
     * deeper than the line the collection opens on.
     */
    private String collection(List<Term> items, BiFunction<Term, Integer, String> write, int depth, String open, String close) {
        if (items.isEmpty()) return open + close;
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
        if (lines.size() == 1) return open + String.join(", ", items.stream().map(x -> write.apply(x, depth)).toList()) + close;
        StringBuilder out = new StringBuilder(open).append('\n');
        for (List<Term> group : lines) {
            out.append(indent(depth + 1)).append(String.join(", ", group.stream().map(x -> write.apply(x, depth + 1)).toList())).append(",\n");
        }
        return out.append(indent(depth)).append(close).toString();
    }

    /** A scalar as it was written (1.50 stays 1.50, a raw string stays raw); one the parser made up as its value. */
    private String scalar(Term.Scalar s) {
        String written = text(s.span());
        Value v = s.value();
        if (v instanceof StringValue) return written.startsWith("\"") || written.startsWith("`") ? written : v.toJson();
        if (v instanceof NumberValue n) {
            String digits = written.startsWith("-") ? written.substring(1) : written;
            try {
                if (NumberValue.parse(digits).decimal().compareTo(n.decimal().abs()) == 0) return (n.decimal().signum() < 0 ? "-" : "") + digits;
            } catch (RuntimeException madeUp) {
                // the 0 of a unary minus has no text of its own: its value is what OPA writes
            }
            return v.toString();
        }
        return v.toJson();
    }

    private static boolean holdsGeneratedVar(Term t) {
        if (t instanceof Term.Var v) return v.name().startsWith("__local") && v.name().endsWith("__");
        if (t instanceof Term.Ref r) return holdsGeneratedVar(r.head()) || r.path().stream().anyMatch(TermText::holdsGeneratedVar);
        if (t instanceof Term.Call c) return c.args().stream().anyMatch(TermText::holdsGeneratedVar);
        if (t instanceof Term.ArrayTerm a) return a.elements().stream().anyMatch(TermText::holdsGeneratedVar);
        if (t instanceof Term.SetTerm st) return st.elements().stream().anyMatch(TermText::holdsGeneratedVar);
        if (t instanceof Term.ObjectTerm o) return o.entries().stream().anyMatch(e -> holdsGeneratedVar(e.key()) || holdsGeneratedVar(e.value()));
        return false;
    }

    private String text(Span span) { return source.text().substring(span.start(), Math.min(span.end(), source.text().length())); }

    /** A name a reference may write after a dot. */
    static boolean isName(String s) { return NAME.matcher(s).matches(); }

    static String indent(int depth) { return "\t".repeat(depth); }
}
