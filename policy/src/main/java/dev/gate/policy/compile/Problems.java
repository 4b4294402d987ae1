package dev.gate.policy.compile;

import dev.gate.policy.PolicyException;
import dev.gate.policy.syntax.Source;
import dev.gate.policy.syntax.Span;
import java.util.ArrayList;
import java.util.List;

/** The errors one compile stage finds; the stage reports them all at its end (see {@link CompileErrors}). */
final class Problems {
    private final List<PolicyException> found = new ArrayList<>();

    void add(PolicyException e) { found.add(e); }

    /** An error with {@code file:line:col}, the offending line and a caret. */
    void add(String code, Source source, Span span, String message) { found.add(at(code, source, span, message)); }

    boolean isEmpty() { return found.isEmpty(); }

    int size() { return found.size(); }

    void throwIfAny() { CompileErrors.throwIfAny(found); }

    static PolicyException at(String code, Source source, Span span, String message) {
        String file = source == null ? "query" : source.fileName();
        String location = file + ":" + span.line() + ":" + span.column();
        String text = source == null ? location + ": " + message : source.describe(span, message);
        return new PolicyException(code, text, location);
    }
}
