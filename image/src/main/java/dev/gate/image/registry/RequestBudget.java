package dev.gate.image.registry;

import dev.gate.errors.GateException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the clients of one run may ask of a registry together: at most {@code concurrency} requests in flight, and a pause
 * shared by all of them. A 429 with {@code Retry-After} tells the registry is overloaded by the run as a whole, so every
 * worker holds back until then, not only the one that was told.
 */
public final class RequestBudget {

    private static final RequestBudget UNLIMITED = new RequestBudget(Integer.MAX_VALUE);

    private final Semaphore inFlight;
    private final AtomicLong pausedUntilNanos = new AtomicLong(System.nanoTime());

    private RequestBudget(int concurrency) {
        this.inFlight = new Semaphore(concurrency, true);
    }

    public static RequestBudget of(int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
        return new RequestBudget(concurrency);
    }

    /** No bound and no shared pause: each client on its own, as single-image commands run. */
    static RequestBudget unlimited() {
        return UNLIMITED;
    }

    /** Waits out a shared pause, then takes one of the in-flight places; {@link #leave()} gives it back. */
    void enter() {
        waitOutPause();
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw GateException.operational("interrupted while waiting for the registry", e);
        }
    }

    void leave() {
        inFlight.release();
    }

    /**
     * Every request of the run waits {@code delay} from now (a longer pause already set stays); false when this budget is
     * not shared, and the caller waits on its own.
     */
    boolean pauseAll(Duration delay) {
        if (this == UNLIMITED) {
            return false;
        }
        long until = System.nanoTime() + delay.toNanos();
        pausedUntilNanos.accumulateAndGet(until, (a, b) -> a - b > 0 ? a : b);
        return true;
    }

    private void waitOutPause() {
        long left;
        while ((left = pausedUntilNanos.get() - System.nanoTime()) > 0) {
            RetryPolicy.sleep(Duration.ofNanos(left));
        }
    }
}
