package dev.gate.policy.format;

import dev.gate.policy.ast.Expr;
import dev.gate.policy.ast.Literal;
import dev.gate.policy.ast.Module;
import dev.gate.policy.ast.Rule;
import dev.gate.policy.ast.Term;
import dev.gate.policy.syntax.Source;
import dev.gate.policy.value.BooleanValue;
import dev.gate.policy.value.StringValue;
import java.util.List;

/**
 * One rule as {@code opa fmt} lays it out: the head ({@code a.b} or {@code a["b"]}, {@code contains} or {@code p[x]},
 * the value unless it goes without saying), the body after {@code if} (inline when it was one literal on the head's
 * line) or in braces, and the else chain. The terms inside are {@link TermText}'s.
 */
final class RuleText {
    private final Source source;
    private final Dialect dialect;
    private final TermText terms;
    private final SourceComments comments;
    private final String[] lines;
    /**
     * Some rule needs a reference head ({@code a.b.c}, or {@code a.b contains x}); otherwise two-part heads are written
     * {@code a["b"]}, as opa fmt writes them (in v1 too, and when a v0 module is rewritten as v1).
     */
    private final boolean refHeads;

    RuleText(Source source, Module module, Dialect dialect, TermText terms, SourceComments comments) {
        this.source = source;
        this.dialect = dialect;
        this.terms = terms;
        this.comments = comments;
        this.lines = comments.lines();
        this.refHeads = module.rules().stream()
                .anyMatch(r -> r.head().size() > 2
                        || r.kind() == Rule.Kind.SET && r.head().size() > 1);
    }

    /** The rule with its else chain, not indented; the comments inside its bodies come with it. */
    String rule(Rule r) {
        StringBuilder sb = new StringBuilder(r.isDefault() ? "default " : "").append(head(r));
        // A v1 else chain keeps the bodies written; in a v0 one, as opa fmt, only a last rule whose body is just
        // `true` (written so, or left out) goes without its body.
        boolean chained = r.elseRule() != null;
        boolean braces = body(sb, r, 0, chained);
        Rule before = r;
        for (Rule e = r.elseRule(); e != null; before = e, e = e.elseRule()) {
            // An else on a later line that does not start it stays after the closing brace; any other is set apart
            // by a blank line, as opa fmt writes it.
            boolean ownLine = lines[e.span().line() - 1]
                            .substring(0, e.span().column() - 1)
                            .isBlank()
                    || e.span().line() == before.span().line();
            sb.append(braces && !ownLine ? " else" : "\n\nelse");
            boolean constant = !dialect.v1Source() && e.elseRule() == null && isTrivial(e.body());
            if (e.value() != null && (dialect.v1Source() || constant || !isTrue(e.value())))
                sb.append(operator(e)).append(terms.term(e.value(), 0));
            else if (e.value() == null && constant) sb.append(dialect.staysV0() ? " = true" : " := true");
            braces = !constant && body(sb, e, 0, dialect.v1Source() || e.elseRule() != null);
        }
        return sb.toString();
    }

    private static boolean isTrue(Term t) {
        return t instanceof Term.Scalar s && s.value() == BooleanValue.TRUE;
    }

    private String head(Rule r) {
        StringBuilder sb = new StringBuilder(r.name());
        for (Term t : r.head().subList(1, r.head().size())) {
            if (refHeads
                    && t instanceof Term.Scalar s
                    && s.value() instanceof StringValue str
                    && TermText.isName(str.value())) {
                sb.append('.').append(str.value());
            } else {
                sb.append('[').append(terms.term(t, 0)).append(']');
            }
        }
        if (r.args() != null)
            sb.append('(')
                    .append(String.join(
                            ", ", r.args().stream().map(a -> terms.term(a, 0)).toList()))
                    .append(')');
        if (r.kind() == Rule.Kind.SET && dialect.v0Sets())
            sb.append('[').append(terms.term(r.value(), 0)).append(']');
        else if (r.kind() == Rule.Kind.SET) sb.append(" contains ").append(terms.term(r.value(), 0));
        else if (r.value() != null && !impliedTrue(r)) sb.append(operator(r)).append(terms.term(r.value(), 0));
        else if (isTrivial(r.body()) && r.elseRule() == null) sb.append(dialect.staysV0() ? " = true" : " := true");
        return sb.toString();
    }

    /**
     * A value of {@code true} goes without saying, as opa fmt leaves it out: unless the rule is a default, a constant
     * (no body of its own), or a partial object's entry, whose key is a variable (any key, in v0).
     */
    private boolean impliedTrue(Rule r) {
        if (!(r.value() instanceof Term.Scalar s && s.value() == BooleanValue.TRUE) || r.isDefault()) return false;
        if ((r.body().isEmpty() || isTrivial(r.body())) && r.elseRule() == null) return false;
        // In v0, p[k] = v is an entry of a partial object whatever its key.
        if (!dialect.v1Source() && r.head().size() == 2) return false;
        return r.head().size() == 1 || Term.isGround(r.head().get(r.head().size() - 1));
    }

    /** {@code :=} in v1 (as opa fmt writes it, and when rewriting v0 as v1); a v0 module that stays v0 keeps what was written. */
    private String operator(Rule r) {
        String before = source.text().substring(0, r.value().span().start()).stripTrailing();
        return dialect.regoV1() || !dialect.staysV0() || before.endsWith(":=") ? " := " : " = ";
    }

    /**
     * Appends the body; says whether it was written in braces. A body that is just {@code true} is no body, except in an
     * else chain ({@code chained}), where opa fmt keeps what was written.
     */
    private boolean body(StringBuilder sb, Rule r, int depth, boolean chained) {
        List<Literal> body = r.body();
        if (body.isEmpty() || isTrivial(body) && !chained) return false;
        Literal last = body.get(body.size() - 1);
        if (!dialect.v0Bodies()
                && body.size() == 1
                && last.span().line() == r.span().line()) {
            sb.append(" if ").append(terms.literal(last, depth));
            return false;
        }
        sb.append(dialect.v0Bodies() ? " {" : " if {");
        // A comment after a body that starts on the head's line goes after the opening brace, as opa fmt writes it.
        if (body.get(0).span().line() == r.span().line())
            sb.append(comments.trailing(r.span().line()));
        sb.append('\n');
        boolean first = true;
        for (Literal l : body) {
            int start = l.span().line();
            String leading = comments.above(start, depth + 1);
            // OPA sets a commented literal apart from the one before it, and keeps a blank line after the previous
            // one's end.
            if (!first
                    && (!leading.isEmpty()
                            || start > comments.codeLineBefore(l.span().start()) + 1)) sb.append('\n');
            sb.append(leading);
            sb.append(TermText.indent(depth + 1))
                    .append(terms.withTrailingComment(terms.literal(l, depth + 1), start))
                    .append('\n');
            first = false;
        }
        sb.append(TermText.indent(depth)).append('}');
        return true;
    }

    private static boolean isTrivial(List<Literal> body) {
        if (body.size() != 1) return false;
        Literal l = body.get(0);
        return !l.negated()
                && l.withs().isEmpty()
                && l.expr() instanceof Expr.TermExpr t
                && t.term() instanceof Term.Scalar s
                && s.value() == BooleanValue.TRUE;
    }
}
