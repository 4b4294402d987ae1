package dev.gate.image.merge;

import dev.gate.errors.GateException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * How concurrent writers of one tag converge without losing a write, on registries that offer no conditional write.
 * Each writer sends a merged manifest only if it read the tag at most {@code cycle} before (its blobs written ahead,
 * only the manifest write follows the check), so a write made from a stale read lands about {@code cycle} at most after
 * any later write it could have missed. A writer that waits {@code settle} (longer than {@code cycle}) after its last
 * write and then still finds its layer has kept it: any write that could still replace it has landed already. When it
 * does not, it merges again and writes again, after a jittered backoff.
 */
public record Convergence(long cycleNanos, long settleNanos, int maxRewrites, long backoffNanos) {

    /** A read, a merge and a small blob upload fit in half a second on any registry a CI job should use. */
    public static Convergence standard() {
        return new Convergence(500_000_000L, 1_000_000_000L, 8, 100_000_000L);
    }

    public Convergence {
        if (settleNanos < cycleNanos || maxRewrites < 1 || cycleNanos <= 0 || backoffNanos < 0) {
            throw new IllegalArgumentException("settle must be at least the cycle, and the bounds positive");
        }
    }

    public long now() {
        return System.nanoTime();
    }

    public boolean withinCycle(long readStart) {
        return now() - readStart <= cycleNanos;
    }

    /**
     * Runs {@code merge} (a read and a merge) until one finishes within the cycle, and returns that result to write;
     * on a registry too slow for any, the last is written and the confirmation still catches what it loses.
     */
    public <T> T freshMerge(Supplier<T> merge) {
        for (int attempt = 1; ; attempt++) {
            long start = now();
            T merged = merge.get();
            if (withinCycle(start) || attempt >= maxRewrites) {
                return merged;
            }
        }
    }

    /**
     * Merges ({@link #freshMerge}) and writes until a write is accepted: a write refused because the tag moved since
     * it was read ({@link TagMoved}, where the store honours conditional writes) is merged again. {@code merge} gives
     * nothing when there is nothing to write. Returns whether anything was written.
     */
    public <T> boolean mergeAndWrite(Supplier<Optional<T>> merge, Consumer<T> write) {
        for (int attempt = 1; ; attempt++) {
            Optional<T> merged = freshMerge(merge);
            if (merged.isEmpty()) {
                return false;
            }
            try {
                write.accept(merged.get());
                return true;
            } catch (TagMoved moved) {
                if (attempt >= maxRewrites) {
                    throw moved;
                }
            }
        }
    }

    /**
     * Sleeps until {@code settle} has passed since {@code lastWrite}, or three times the longest write this writer saw,
     * when that is longer: where writes are slow (a loaded machine, a distant registry), other writers' are too.
     */
    public void settle(long lastWrite, long longestWrite) {
        sleep(lastWrite + Math.max(settleNanos, 3 * longestWrite) - now());
    }

    public void backoff(int round) {
        long ceiling = backoffNanos << Math.min(round, 6);
        sleep(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
    }

    private static void sleep(long nanos) {
        if (nanos <= 0) {
            return;
        }
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw GateException.operational("interrupted while confirming a write", e);
        }
    }
}
