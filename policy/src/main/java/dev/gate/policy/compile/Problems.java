package dev.gate.policy.compile;

import dev.gate.policy.PolicyException;
import dev.gate.policy.syntax.Source;
import dev.gate.policy.syntax.Span;
import java.util.ArrayList;
import java.util.List;

/** The errors one compile stage finds; the stage reports them all at its end (see {@link CompileErrors}). */
final class Problems {
    private final List<PolicyException> found = new ArrayList<>();

    void add(PolicyException e) {
        found.add(e);
    }

    /** An error with {@code file:line:col}, the offending line and a caret. */
    void add(String code, Source source, Span span, String message) {
        found.add(at(code, source, span, message));
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    boolean any(java.util.function.Predicate<PolicyException> test) {
        return found.stream().anyMatch(test);
    }

    int size() {
        return found.size();
    }

    void throwIfAny() {
        CompileErrors.throwIfAny(found);
    }

    /**
     * When this stage found errors, throws them together with {@code earlier}'s (errors that did not stop
     * compilation), ordered by position as OPA orders them.
     */
    void throwWith(Problems earlier) {
        if (found.isEmpty() || earlier.found.isEmpty()) {
            throwIfAny();
            return;
        }
        List<PolicyException> all = new ArrayList<>(earlier.found);
        all.addAll(found);
        all.sort(java.util.Comparator.comparing(Problems::position));
        CompileErrors.throwIfAny(all);
    }

    /** file, line, column: a sort key; errors without a position go last. */
    private static String position(PolicyException e) {
        String at = e.location();
        if (at == null) return "\uffff";
        int col = at.lastIndexOf(':'), line = col > 0 ? at.lastIndexOf(':', col - 1) : -1;
        if (line < 0) return at;
        try {
            return String.format(
                    "%s:%010d:%010d",
                    at.substring(0, line),
                    Integer.parseInt(at.substring(line + 1, col)),
                    Integer.parseInt(at.substring(col + 1)));
        } catch (NumberFormatException notANumber) {
            return at;
        }
    }

    static PolicyException at(String code, Source source, Span span, String message) {
        String file = source == null ? "query" : source.fileName();
        String location = file + ":" + span.line() + ":" + span.column();
        String text = source == null ? location + ": " + message : source.describe(span, message);
        return new PolicyException(code, text, location);
    }
}
