package dev.gate.cli;

/** Exit codes shared by every command (see README, "Exit codes"). */
public final class ExitCodes {

    public static final int OK = 0;
    /** A "no": policy denied, verification failed, findings over the threshold. */
    public static final int REFUSED = 1;
    /** Usage or input error: bad flags, unreadable or malformed file, bad reference. */
    public static final int INPUT = 2;
    /** Operational failure: registry unreachable, authentication refused, I/O. */
    public static final int OPERATIONAL = 3;

    private ExitCodes() {}
}
