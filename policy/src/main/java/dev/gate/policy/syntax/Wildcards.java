package dev.gate.policy.syntax;

import dev.gate.policy.ast.Term;

/**
 * Numbers the wildcards ({@code _}) of one parse, so each is a variable of its own: per parse rather than global,
 * so that parsing the same text gives the same tree and parses in parallel share nothing. A template string's
 * expressions are parsed on their own but continue the count of the text around them (they share its bindings).
 */
final class Wildcards {
    private long count;

    Term.Var next(Span span) {
        return new Term.Var(Term.WILDCARD_PREFIX + ++count, span);
    }
}
