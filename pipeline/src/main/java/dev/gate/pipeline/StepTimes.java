package dev.gate.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;

/** Wall-clock time per pipeline step, for the report and the benchmark. */
public final class StepTimes {

    private final Map<String, Long> millis = new LinkedHashMap<>();

    public void time(String step, Runnable work) {
        long start = System.nanoTime();
        try {
            work.run();
        } finally {
            millis.merge(step, (System.nanoTime() - start) / 1_000_000, Long::sum);
        }
    }

    public synchronized Map<String, Long> millis() {
        return Map.copyOf(millis);
    }

    /** Steps in the order they first ran. */
    public synchronized Map<String, Long> ordered() {
        return new LinkedHashMap<>(millis);
    }
}
