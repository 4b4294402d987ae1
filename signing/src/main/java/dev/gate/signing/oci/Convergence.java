package dev.gate.signing.oci;

import dev.gate.image.GateException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How concurrent writers of one tag converge without losing a write, on registries that offer no conditional write.
 * Each writer sends a merged manifest only if it read the tag at most {@code cycle} ago, so a write made from a stale
 * read lands at most {@code cycle} after any later write it could have missed. A writer that waits {@code settle}
 * (at least {@code cycle}) after its last write and then still finds its layer has kept it: any write that could
 * still replace it has landed already. When it does not, it merges again and writes again, after a jittered backoff.
 */
public record Convergence(long cycleNanos, long settleNanos, int maxRewrites, long backoffNanos) {

    /** Two round trips (read, write) fit in a second on any registry a CI job should use. */
    public static Convergence standard() {
        return new Convergence(1_000_000_000L, 1_200_000_000L, 8, 100_000_000L);
    }

    public Convergence {
        if (settleNanos < cycleNanos || maxRewrites < 1 || cycleNanos <= 0 || backoffNanos < 0) {
            throw new IllegalArgumentException("settle must be at least the cycle, and the bounds positive");
        }
    }

    long now() {
        return System.nanoTime();
    }

    boolean withinCycle(long readStart) {
        return now() - readStart <= cycleNanos;
    }

    /** Sleeps until {@code settle} has passed since {@code lastWrite}. */
    void settle(long lastWrite) {
        sleep(lastWrite + settleNanos - now());
    }

    void backoff(int round) {
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
            throw GateException.operational("interrupted while confirming a signature write", e);
        }
    }
}
