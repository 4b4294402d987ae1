package dev.gate.policy.eval;

import dev.gate.policy.value.Value;
import java.util.List;

/**
 * What the evaluator's pieces call once per solution: evaluation is in continuation-passing style, so a construct with
 * several solutions calls its continuation for each one, binding variables before and undoing them after.
 */
final class Continuations {
    private Continuations() {}

    /** Continuation after an expression succeeded. */
    @FunctionalInterface
    interface Next {
        void run();
    }

    /** Continuation receiving one value of a term. */
    @FunctionalInterface
    interface Values {
        void accept(Value v);
    }

    /** Continuation receiving the values of several terms, in order. */
    @FunctionalInterface
    interface ValueList {
        void accept(List<Value> vs);
    }
}
