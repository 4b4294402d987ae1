package dev.gate.policy.syntax;

import dev.gate.policy.ast.Expr;
import dev.gate.policy.ast.Literal;
import java.util.ArrayList;
import java.util.List;

/**
 * The grammar of {@code and}, {@code or} and {@code not { ... }}, keywords a module imports from
 * {@code future.keywords} (or with {@code rego.v2}): {@code and} binds tighter than {@code or}, both associate to the
 * left, and an operand is an expression, a negation, a {@code { body }} or a parenthesized chain.
 */
final class LogicalOperators {
    private final Parser parser;

    LogicalOperators(Parser parser) {
        this.parser = parser;
    }

    /**
     * At the start of a literal, a {@code { body }} that leads a chain, or a parenthesized group (alone or leading a
     * chain); else null, nothing read.
     */
    Literal leading() {
        Token start = parser.peek();
        if (parser.peekOp("{")) {
            int position = parser.position();
            List<Literal> body = tryBody();
            if (body != null && atOperator())
                return new Literal(chain(new Operand(body, true)), false, List.of(), start.span());
            parser.rewind(position);
        } else if (parser.peekOp("(")) {
            List<Literal> group = tryGroup();
            if (group != null)
                return atOperator() ? new Literal(chain(group), false, List.of(), start.span()) : group.get(0);
        }
        return null;
    }

    /** {@code and} or {@code or} comes next on the same line. */
    boolean atOperator() {
        return !parser.newlineBefore() && (parser.atKeyword("and") || parser.atKeyword("or"));
    }

    /** The chain that continues after its first operand, an expression; there is at least one operator ahead. */
    Expr chain(List<Literal> first) {
        return chain(new Operand(first, false));
    }

    private Expr chain(Operand first) {
        Operand lhs = conjunction(first);
        while (parser.atKeyword("or") && !parser.newlineBefore()) {
            parser.next();
            lhs = single(Expr.Logical.Op.OR, lhs, conjunction(operand()));
        }
        return lhs.body().get(0).expr();
    }

    /** {@code not { body }} ({@code braced}) or {@code not ( ... )}: the negation of a closed body. */
    private static Expr closed(List<Literal> body, boolean braced) {
        return new Expr.Logical(Expr.Logical.Op.AND, List.of(body), List.of(braced));
    }

    /** After {@code not}, with not-bodies imported: a body or a group negated as a whole; else null, nothing read. */
    Expr negatedOperand() {
        if (parser.peekOp("{")) return closed(parser.braceBody(), true);
        if (parser.peekOp("(")) {
            List<Literal> group = tryGroup();
            if (group != null) return closed(group, false);
        }
        return null;
    }

    private Operand conjunction(Operand first) {
        Operand lhs = first;
        while (parser.atKeyword("and") && !parser.newlineBefore()) {
            parser.next();
            lhs = single(Expr.Logical.Op.AND, lhs, operand());
        }
        return lhs;
    }

    private Operand single(Expr.Logical.Op op, Operand lhs, Operand rhs) {
        Expr.Logical g = new Expr.Logical(op, List.of(lhs.body(), rhs.body()), List.of(lhs.braced(), rhs.braced()));
        return new Operand(
                List.of(new Literal(g, false, List.of(), lhs.body().get(0).span())), false);
    }

    private Operand operand() {
        Token start = parser.peek();
        if (parser.peekOp("{")) return new Operand(parser.braceBody(), true);
        if (parser.peekOp("(")) {
            List<Literal> group = tryGroup();
            if (group != null) return new Operand(group, false);
        }
        boolean negated = parser.atKeyword("not");
        if (negated) parser.next();
        Expr expr = negated && parser.notBodies() ? negatedOperand() : null;
        if (expr == null) expr = parser.expression();
        List<Literal> body = new ArrayList<>();
        body.add(new Literal(expr, negated, List.of(), start.span()));
        return new Operand(body, false);
    }

    /**
     * {@code ( chain )}, or {@code ( operand )} before an operator: the group as one operand. Null, nothing read, when
     * the parentheses hold a plain term ({@code (a == b)}), which the term grammar reads.
     */
    private List<Literal> tryGroup() {
        int start = parser.position();
        try {
            parser.next();
            Operand first = operand();
            List<Literal> inner = first.body();
            boolean logical = inner.size() == 1 && inner.get(0).expr() instanceof Expr.Logical;
            if (atOperator()) {
                inner = List.of(
                        new Literal(chain(first), false, List.of(), inner.get(0).span()));
                logical = true;
            }
            List<Literal.With> withs = parser.withClauses();
            if (!withs.isEmpty() && inner.size() == 1) {
                Literal l = inner.get(0);
                List<Literal.With> all = new ArrayList<>(l.withs());
                all.addAll(withs);
                inner = List.of(new Literal(l.expr(), l.negated(), all, l.span()));
            }
            if (parser.peekOp(")")) {
                parser.next();
                if (logical || atOperator()) return inner;
            }
        } catch (SyntaxException notAGroup) {
            // read again as a term
        }
        parser.rewind(start);
        return null;
    }

    /** One operand of a chain, and whether it was written as a {@code { body }}. */
    private record Operand(List<Literal> body, boolean braced) {}

    private List<Literal> tryBody() {
        try {
            return parser.braceBody();
        } catch (SyntaxException notABody) {
            return null;
        }
    }
}
