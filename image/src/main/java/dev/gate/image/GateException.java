package dev.gate.image;

/**
 * A failure the user can act on. The kind decides the exit code the CLI returns, so every module
 * throws one of these (or a subclass) instead of a bare runtime exception.
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

    public static GateException input(String message) {
        return new GateException(Kind.INPUT, message);
    }

    public static GateException operational(String message, Throwable cause) {
        return new GateException(Kind.OPERATIONAL, message, cause);
    }

    public Kind kind() {
        return kind;
    }
}
