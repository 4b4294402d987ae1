package dev.gate.policy.ast;

import dev.gate.policy.syntax.Span;
import java.util.List;

/**
 * A rule. {@code head} is the rule's reference relative to its package ({@code p}, {@code a.b[x]}): its first element
 * is the name. Complete and object rules give {@code value}; set rules ({@code contains}) give {@code element};
 * functions have {@code args}. {@code elseRule} continues an else chain. {@code annotations} is the rule's METADATA
 * block, or null. {@code assigned}: the value was written with {@code :=} rather than {@code =}.
 */
public record Rule(
        Kind kind,
        List<Term> head,
        List<Term> args,
        Term value,
        List<Literal> body,
        boolean isDefault,
        Rule elseRule,
        Span span,
        String file,
        Annotations annotations,
        boolean assigned) {

    public enum Kind {
        VALUE,
        SET,
        FUNCTION
    }

    public Rule {
        head = List.copyOf(head);
        args = args == null ? null : List.copyOf(args);
        body = List.copyOf(body);
    }

    /** A rule whose value, if any, was written with {@code =}. */
    public Rule(
            Kind kind,
            List<Term> head,
            List<Term> args,
            Term value,
            List<Literal> body,
            boolean isDefault,
            Rule elseRule,
            Span span,
            String file,
            Annotations annotations) {
        this(kind, head, args, value, body, isDefault, elseRule, span, file, annotations, false);
    }

    /** The rule's name: the first element of its head. */
    public String name() {
        return ((Term.Scalar) head.get(0)).value() instanceof dev.gate.policy.value.StringValue s ? s.value() : "?";
    }

    public Rule with(List<Term> newHead, List<Term> newArgs, Term newValue, List<Literal> newBody, Rule newElse) {
        return new Rule(
                kind, newHead, newArgs, newValue, newBody, isDefault, newElse, span, file, annotations, assigned);
    }

    /** {@code file:line:col} of the rule. */
    public String location() {
        return file + ":" + span.line() + ":" + span.column();
    }
}
