package dev.gate.policy.builtins;

/**
 * An OPA evaluation error raised by a builtin: {@code code} is OPA's error code
 * ({@link #TYPE_ERROR} for bad operand types, {@link #BUILTIN_ERROR} for other failures),
 * {@code message} is the text OPA prints, starting with the builtin's name, e.g.
 * {@code array.concat: operand 2 must be array but got object}.
 */
public final class BuiltinException extends RuntimeException {
    public static final String TYPE_ERROR = "eval_type_error";
    public static final String BUILTIN_ERROR = "eval_builtin_error";

    private final String code;

    public BuiltinException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public static BuiltinException type(String message) {
        return new BuiltinException(TYPE_ERROR, message);
    }

    public static BuiltinException builtin(String name, String detail) {
        return new BuiltinException(BUILTIN_ERROR, name + ": " + detail);
    }

    public String code() {
        return code;
    }
}
