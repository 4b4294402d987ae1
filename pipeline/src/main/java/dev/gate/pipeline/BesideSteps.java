package dev.gate.pipeline;

import dev.gate.errors.GateException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/** Two steps of a gate run at once: one on a thread of its own, the other on the caller's. */
final class BesideSteps {

    private BesideSteps() {}

    /**
     * Runs {@code first} on a new thread while the caller runs {@code second}, and returns {@code first}'s result once
     * both have ended. A failure of either is rethrown as it was; when {@code second} fails, {@code first} is interrupted.
     */
    static <T> T run(Supplier<T> first, Runnable second) {
        FutureTask<T> task = new FutureTask<>(first::get);
        Thread thread = new Thread(task, "gate-step");
        thread.setDaemon(true);
        thread.start();
        try {
            second.run();
        } catch (RuntimeException | Error e) {
            task.cancel(true);
            throw e;
        }
        try {
            return task.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException failure) {
                throw failure;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw GateException.operational("a gate step failed: " + cause, cause);
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            throw GateException.operational("interrupted during a gate step", e);
        }
    }
}
