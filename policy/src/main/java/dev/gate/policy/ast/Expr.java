package dev.gate.policy.ast;

import java.util.List;

/** The expression of a body literal. */
public sealed interface Expr {
    /** A term that must be defined and not false; calls and infix operators are terms. */
    record TermExpr(Term term) implements Expr {}

    /** {@code a = b}: unification, binding variables on either side. */
    record Unify(Term left, Term right) implements Expr {}

    /** {@code a := b}: declares and binds the variables of {@code a}. */
    record Assign(Term left, Term right) implements Expr {}

    /** {@code some x, y}: declares local variables. */
    record SomeVars(List<Term.Var> vars) implements Expr {
        public SomeVars {
            vars = List.copyOf(vars);
        }
    }

    /** {@code some v in c} / {@code some k, v in c}: iterates a collection; {@code key} may be null. */
    record SomeIn(Term key, Term value, Term collection) implements Expr {}

    /** {@code every k, v in domain { body }}; {@code key} may be null. */
    record Every(Term key, Term value, Term domain, List<Literal> body) implements Expr {}

    /**
     * {@code a and b}, {@code a or b} and {@code not { ... }} (an {@code AND} of one operand, negated by its literal):
     * each operand is a body in a scope of its own, run until its first solution, that binds nothing outside. An
     * {@code AND} succeeds once when every operand does, an {@code OR} once when one does, left to right.
     * {@code braced} says, operand by operand, whether it was written as a {@code { body }}; only the formatter reads it.
     */
    record Logical(Op op, List<List<Literal>> operands, List<Boolean> braced) implements Expr {
        public enum Op {
            AND,
            OR
        }

        public Logical {
            operands = operands.stream().map(List::copyOf).toList();
            braced = List.copyOf(braced);
        }

        /** Operands as they are evaluated, none of them known to have been written in braces. */
        public Logical(Op op, List<List<Literal>> operands) {
            this(op, operands, operands.stream().map(o -> false).toList());
        }

        public boolean braced(int operand) {
            return operand < braced.size() && braced.get(operand);
        }
    }
}
