package dev.gate.signing;

import dev.gate.errors.GateException;

/**
 * A claim that a verifier refuses, thrown by the check that found it and recorded as its {@link Problem} (see
 * {@link Problem#of}); checks outside this package (the statements a policy reads) throw it too.
 */
public class RejectedClaim extends GateException {

    private final Problem.Kind problem;

    public RejectedClaim(Problem.Kind problem, String message) {
        super(Kind.INPUT, message);
        this.problem = problem;
    }

    RejectedClaim(Problem problem) {
        this(problem.kind(), problem.message());
    }

    public Problem problem() {
        return new Problem(problem, getMessage());
    }
}
