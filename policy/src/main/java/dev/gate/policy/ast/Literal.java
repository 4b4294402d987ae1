package dev.gate.policy.ast;

import dev.gate.policy.syntax.Span;
import java.util.List;

/** One expression of a body, possibly negated with {@code not} and modified by {@code with} clauses. */
public record Literal(Expr expr, boolean negated, List<With> withs, Span span) {
    public Literal {
        withs = List.copyOf(withs);
    }

    public Literal withExpr(Expr e) {
        return new Literal(e, negated, withs, span);
    }

    /** {@code with target as value}: target is {@code input...}, {@code data...} or a function name. */
    public record With(Term target, Term value, Span span) {}
}
