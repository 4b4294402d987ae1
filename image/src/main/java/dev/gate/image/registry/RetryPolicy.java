package dev.gate.image.registry;

import dev.gate.errors.GateException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When and how long to wait before trying a request again: 429 (honouring {@code Retry-After}),
 * 5xx and I/O failures, with exponential backoff and full jitter so parallel uploads do not retry
 * in lock step.
 */
record RetryPolicy(int maxAttempts, Duration base, Duration cap) {

    static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(10));

    boolean retryable(int status) {
        return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
    }

    Duration delay(int attempt, HttpResponse<?> response) {
        if (response != null) {
            Duration asked = retryAfter(response);
            if (asked != null) {
                return asked.compareTo(cap.multipliedBy(3)) > 0 ? cap.multipliedBy(3) : asked;
            }
        }
        long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(attempt, 16));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
    }

    private static Duration retryAfter(HttpResponse<?> response) {
        return response.headers()
                .firstValue("Retry-After")
                .map(value -> {
                    try {
                        return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
                    } catch (NumberFormatException e) {
                        return null;
                    }
                })
                .orElse(null);
    }

    /** Waits out a delay this policy (or the registry's {@code Retry-After}) asked for. */
    static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw GateException.operational("interrupted while waiting to retry", e);
        }
    }
}
