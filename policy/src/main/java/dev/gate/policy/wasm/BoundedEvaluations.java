package dev.gate.policy.wasm;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.wasm.ChicoryException;
import com.styra.opa.wasm.OpaAbortException;
import dev.gate.policy.PolicyEngine;
import dev.gate.policy.PolicyException;
import dev.gate.policy.builtins.BuiltinContext;
import dev.gate.policy.builtins.BuiltinException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Where a wasm module's evaluations run: one at a time (an instance has one heap), each on a thread of its own with a
 * deep stack, bounded by its time limit. Whatever stops one (the deadline, an abort, a trap, memory, a builtin's
 * strict error) comes back as a {@link PolicyException} that says which.
 */
final class BoundedEvaluations {
    private static final long STACK_BYTES = 512L * 1024 * 1024;

    private final Path file;
    private final int maxMemoryPages;
    private volatile GateBuiltin.WasmCall current;
    private Thread previous;

    BoundedEvaluations(Path file, int maxMemoryPages) {
        this.file = file;
        this.maxMemoryPages = maxMemoryPages;
    }

    /** The evaluation in progress, for the builtins it calls: its clock, deadline and error mode. */
    GateBuiltin.WasmCall current() {
        return current;
    }

    /** Runs the evaluation on a thread of its own and waits for it, at most for the time limit of the options. */
    synchronized <T> T run(Callable<T> evaluation, PolicyEngine.Options options) {
        waitForPrevious();
        long timeoutNanos = options.timeout().toNanos();
        long deadline = System.nanoTime() + timeoutNanos;
        current = call(deadline, options.strictBuiltinErrors());
        FutureTask<T> task = new FutureTask<>(evaluation);
        Thread thread = new Thread(null, task, "wasm-eval", STACK_BYTES);
        thread.setDaemon(true);
        previous = thread;
        thread.start();
        try {
            return task.get(timeoutNanos + TimeUnit.MILLISECONDS.toNanos(200), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            thread.interrupt();
            throw timeLimit(options);
        } catch (InterruptedException e) {
            thread.interrupt();
            Thread.currentThread().interrupt();
            throw new PolicyException("eval_cancel_error", "evaluation interrupted", null);
        } catch (ExecutionException e) {
            throw failure(e.getCause(), options);
        }
    }

    private static GateBuiltin.WasmCall call(long deadline, boolean strict) {
        BuiltinContext context = BuiltinContext.bounded(
                Instant.now(),
                deadline,
                () -> new PolicyException("eval_cancel_error", "evaluation exceeded its time limit", null));
        return new GateBuiltin.WasmCall() {
            @Override
            public BuiltinContext context() {
                return context;
            }

            @Override
            public boolean strictErrors() {
                return strict;
            }
        };
    }

    /** A timed-out evaluation may still be unwinding inside a builtin; the instance is used again only once it has. */
    private void waitForPrevious() {
        if (previous == null || !previous.isAlive()) return;
        try {
            previous.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (previous.isAlive())
            throw new PolicyException(
                    "eval_cancel_error",
                    file + ": an evaluation that ran out of time still holds the wasm instance",
                    null);
    }

    private PolicyException timeLimit(PolicyEngine.Options options) {
        return new PolicyException(
                "eval_cancel_error",
                file + ": policy.wasm exceeded the time limit of "
                        + options.timeout().toMillis() + " ms",
                null);
    }

    private PolicyException failure(Throwable cause, PolicyEngine.Options options) {
        if (cause instanceof ChicoryInterruptedException) return timeLimit(options);
        if (cause instanceof PolicyException pe) {
            return pe.code().equals("eval_cancel_error") ? timeLimit(options) : pe;
        }
        if (cause instanceof BuiltinException be) return new PolicyException(be.code(), be.getMessage(), null);
        if (cause instanceof OpaAbortException) {
            String message = String.valueOf(cause.getMessage());
            if (message.contains("malloc") || message.contains("memory")) {
                return new PolicyException(
                        "eval_error",
                        file + ": policy.wasm ran out of memory (limit " + maxMemoryPages / 16 + " MiB): " + message,
                        null);
            }
            return new PolicyException("eval_error", file + ": policy.wasm aborted: " + message, null);
        }
        if (cause instanceof ChicoryException)
            return new PolicyException("eval_error", file + ": policy.wasm trapped: " + cause.getMessage(), null);
        if (cause instanceof StackOverflowError)
            return new PolicyException("eval_error", file + ": policy.wasm nested too deeply", null);
        if (cause instanceof OutOfMemoryError)
            return new PolicyException("eval_error", file + ": policy.wasm ran out of memory", null);
        return new PolicyException("eval_internal_error", file + ": policy.wasm: " + cause, null);
    }
}
