package dev.gate.errors;

/**
 * A failure the user can act on. The kind decides the exit code the CLI returns (in its {@code Main}, nowhere
 * else), so every module throws one of these (or a subclass, such as the policy engine's {@code PolicyException})
 * instead of a bare runtime exception.
 */
public class GateException extends RuntimeException {

    /** What went wrong, from the user's point of view. */
    public enum Kind {
        /** A "no" that stops the run before it starts, such as policies whose signature does not verify: exit 1. */
        REFUSED(1),
        /** Bad flags, unreadable or malformed file, bad reference: exit 2. */
        INPUT(2),
        /** Registry unreachable, authentication refused, I/O failure: exit 3. */
        OPERATIONAL(3);

        private final int exitCode;

        Kind(int exitCode) {
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    private final Kind kind;

    public GateException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public GateException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** Without a stack trace, for failures thrown often and expected (a policy error while deciding, say). */
    protected GateException(Kind kind, String message, Throwable cause, boolean stackTrace) {
        super(message, cause, false, stackTrace);
        this.kind = kind;
    }

    public static GateException input(String message) {
        return new GateException(Kind.INPUT, message);
    }

    public static GateException operational(String message, Throwable cause) {
        return new GateException(Kind.OPERATIONAL, message, cause);
    }

    public Kind kind() {
        return kind;
    }

    /** What people read: the message, or for a subclass what else it knows (a policy error's location and code). */
    public String describe() {
        return getMessage();
    }
}
