package dev.gate.pipeline.audit;

import dev.gate.errors.GateException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** Waiting for the audit's parallel work, with a worker's {@link GateException} coming out as itself. */
final class Work {

    private Work() {}

    static <T> List<T> all(ExecutorService pool, List<Callable<T>> tasks) {
        List<Future<T>> futures = new ArrayList<>();
        tasks.forEach(t -> futures.add(pool.submit(t)));
        return all(futures);
    }

    static <T> List<T> all(List<Future<T>> futures) {
        List<T> results = new ArrayList<>();
        for (Future<T> f : futures) {
            results.add(get(f));
        }
        return results;
    }

    static <T> T get(Future<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof GateException g
                    ? g
                    : new GateException(GateException.Kind.OPERATIONAL, "audit failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GateException(GateException.Kind.OPERATIONAL, "audit interrupted", e);
        }
    }
}
