package dev.gate.policy.builtins;

import java.time.Instant;
import java.util.Map;

/**
 * What a builtin may see of the evaluation: the query's clock (time.now_ns is fixed for one query, as in OPA),
 * a per-query cache (e.g. compiled regexes, rand.intn results), and the deadline to honour in long loops.
 */
public interface BuiltinContext {
    Instant now();

    /** Per-query scratch space; builtins key it with their own name prefix. */
    Map<String, Object> cache();

    /** Throws BuiltinException when the evaluation's deadline has passed; call it in long loops. */
    void checkDeadline();

    /**
     * The context of one evaluation: the clock fixed at {@code now}, a fresh cache, and a deadline on
     * {@link System#nanoTime()} past which (or once the evaluating thread is interrupted) {@code onLate} is thrown.
     */
    static BuiltinContext bounded(
            Instant now, long deadlineNanos, java.util.function.Supplier<RuntimeException> onLate) {
        Map<String, Object> cache = new java.util.HashMap<>();
        return new BuiltinContext() {
            @Override
            public Instant now() {
                return now;
            }

            @Override
            public Map<String, Object> cache() {
                return cache;
            }

            @Override
            public void checkDeadline() {
                if (System.nanoTime() - deadlineNanos > 0
                        || Thread.currentThread().isInterrupted()) throw onLate.get();
            }
        };
    }

    /** A context for tests and direct calls: fixed clock, no deadline. */
    static BuiltinContext simple(Instant now) {
        Map<String, Object> cache = new java.util.HashMap<>();
        return new BuiltinContext() {
            @Override
            public Instant now() {
                return now;
            }

            @Override
            public Map<String, Object> cache() {
                return cache;
            }

            @Override
            public void checkDeadline() {}
        };
    }
}
