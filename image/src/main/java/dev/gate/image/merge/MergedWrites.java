package dev.gate.image.merge;

import dev.gate.errors.GateException;
import java.util.ArrayList;
import java.util.List;

/**
 * The contributions one run wrote to merged tags, confirmed together: one settle window covers them all, so a run
 * that writes a signature, three attestations and a referrer waits once. See {@link Convergence}.
 */
public final class MergedWrites {

    private final Convergence convergence;
    private final List<MergedWrite> pending = new ArrayList<>();
    private long lastWrite;
    private boolean wrote;
    /** The longest write so far, from its read to its answer: a loaded machine or registry slows every writer alike. */
    private long longestWrite;

    public MergedWrites(Convergence convergence) {
        this.convergence = convergence;
    }

    public static MergedWrites standard() {
        return new MergedWrites(Convergence.standard());
    }

    /** Writes {@code write} now and keeps it to confirm; returns whether anything was written. */
    public synchronized boolean add(MergedWrite write) {
        boolean written = writeOnce(write);
        pending.add(write);
        return written;
    }

    /**
     * Waits until no write made from a read older than this run's last write can still land, then checks that every
     * contribution is stored, writing again those a concurrent writer replaced; fails (exit 3) when one could not be
     * kept within the policy's bound. Nothing is left to confirm afterwards.
     */
    public synchronized void confirm() {
        List<MergedWrite> open = new ArrayList<>(pending);
        pending.clear();
        for (int round = 1; !open.isEmpty(); round++) {
            if (wrote) {
                convergence.settle(lastWrite, longestWrite);
            }
            List<MergedWrite> lost = open.stream().filter(w -> !w.stored()).toList();
            if (lost.isEmpty()) {
                return;
            }
            if (round > convergence.maxRewrites()) {
                throw GateException.operational(
                        lost.get(0).describe() + " written but overwritten by a concurrent writer "
                                + convergence.maxRewrites() + " times; not stored",
                        null);
            }
            convergence.backoff(round);
            lost.forEach(this::writeOnce);
            open = lost;
        }
    }

    private boolean writeOnce(MergedWrite write) {
        long start = convergence.now();
        boolean written = write.write(convergence);
        if (written) {
            lastWrite = convergence.now();
            longestWrite = Math.max(longestWrite, lastWrite - start);
            wrote = true;
        }
        return written;
    }
}
