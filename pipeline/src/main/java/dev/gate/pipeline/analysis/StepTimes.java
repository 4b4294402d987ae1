package dev.gate.pipeline.analysis;

import java.util.LinkedHashMap;
import java.util.Map;

/** Wall-clock time per pipeline step, for the report and the benchmark. */
public final class StepTimes {

    private final Map<String, Long> millis = new LinkedHashMap<>();

    /** Runs {@code work} and adds its time to {@code step}'s; steps may run on several threads at once. */
    public void time(String step, Runnable work) {
        begin(step);
        long start = System.nanoTime();
        try {
            work.run();
        } finally {
            long took = (System.nanoTime() - start) / 1_000_000;
            synchronized (this) {
                millis.merge(step, took, Long::sum);
            }
        }
    }

    /** Puts {@code step} in the order now, before it runs, where steps that run at once would race for their places. */
    private synchronized void begin(String step) {
        millis.putIfAbsent(step, 0L);
    }

    public synchronized Map<String, Long> millis() {
        return Map.copyOf(millis);
    }

    /** Steps in the order they first ran. */
    public synchronized Map<String, Long> ordered() {
        return new LinkedHashMap<>(millis);
    }
}
