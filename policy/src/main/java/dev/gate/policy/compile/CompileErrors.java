package dev.gate.policy.compile;

import dev.gate.policy.PolicyException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Several errors of one compile stage, reported together as OPA does ({@code 3 errors occurred: ...}). The code and
 * location are those of the first error; {@link #errors()} lists each with its own code and location.
 */
public final class CompileErrors extends PolicyException {
    /** OPA lists this many errors of a stage, then says the limit was reached. */
    static final int MAX_ERRORS = 10;

    private final List<PolicyException> errors;

    private CompileErrors(List<PolicyException> errors) {
        super(errors.get(0).code(), summary(errors), errors.get(0).location());
        this.errors = List.copyOf(errors);
    }

    public List<PolicyException> errors() {
        return errors;
    }

    /** Throws the single error itself, or all of them together; returns when there is none. */
    static void throwIfAny(List<PolicyException> errors) {
        if (errors.isEmpty()) return;
        if (errors.size() == 1) throw errors.get(0);
        if (errors.size() <= MAX_ERRORS) throw new CompileErrors(errors);
        List<PolicyException> shown = new java.util.ArrayList<>(errors.subList(0, MAX_ERRORS));
        shown.add(new PolicyException("rego_compile_error", "error limit reached", null));
        throw new CompileErrors(shown);
    }

    private static String summary(List<PolicyException> errors) {
        return errors.size() + " errors occurred:\n"
                + errors.stream().map(PolicyException::describe).collect(Collectors.joining("\n"));
    }
}
