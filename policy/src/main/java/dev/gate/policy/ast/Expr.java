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
        public SomeVars { vars = List.copyOf(vars); }
    }

    /** {@code some v in c} / {@code some k, v in c}: iterates a collection; {@code key} may be null. */
    record SomeIn(Term key, Term value, Term collection) implements Expr {}

    /** {@code every k, v in domain { body }}; {@code key} may be null. */
    record Every(Term key, Term value, Term domain, List<Literal> body) implements Expr {}
}
