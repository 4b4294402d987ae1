package dev.gate.policy;

import dev.gate.errors.GateException;

/**
 * A policy failure with OPA's error code (rego_parse_error, rego_compile_error, eval_conflict_error,
 * eval_type_error, eval_builtin_error, ...) and, when known, a location {@code file:line:col}. Bad input (exit 2)
 * wherever it surfaces: a policy that does not compile or that fails while deciding is the user's to fix.
 */
public class PolicyException extends GateException {
    private final String code;
    private final String location;

    public PolicyException(String code, String message, String location) {
        // No stack trace: evaluation throws and catches these as part of OPA's semantics, often.
        super(Kind.INPUT, message, null, false);
        this.code = code;
        this.location = location;
    }

    public String code() {
        return code;
    }

    /** For people: location (unless the message already starts with it), code and message. */
    @Override
    public String describe() {
        String message = getMessage();
        if (location == null || message.startsWith(location) || message.contains(location + ":"))
            return code + ": " + message;
        return location + ": " + code + ": " + message;
    }

    /** {@code file:line:col}, or null when the error has no source position. */
    public String location() {
        return location;
    }
}
