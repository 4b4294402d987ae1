package dev.gate.policy;

/**
 * A policy failure with OPA's error code (rego_parse_error, rego_compile_error, eval_conflict_error,
 * eval_type_error, eval_builtin_error, ...) and, when known, a location {@code file:line:col}.
 */
public class PolicyException extends RuntimeException {
    private final String code;
    private final String location;

    public PolicyException(String code, String message, String location) {
        super(message, null, false, false);
        this.code = code;
        this.location = location;
    }

    public String code() { return code; }

    /** For people: location (unless the message already starts with it), code and message. */
    public String describe() {
        String message = getMessage();
        if (location == null || message.startsWith(location) || message.contains(location + ":")) return code + ": " + message;
        return location + ": " + code + ": " + message;
    }

    /** {@code file:line:col}, or null when the error has no source position. */
    public String location() { return location; }
}
