package dev.gate.policy.compile;

/**
 * Names the compiler makes up (renamed locals, hoisted operands, argument patterns), numbered per compilation: the
 * same modules always compile to the same names, and compilations in parallel do not share a counter.
 */
final class FreshNames {
    private long count;

    /** {@code prefix} followed by a number not given out before in this compilation. */
    String next(String prefix) {
        return prefix + ++count;
    }
}
