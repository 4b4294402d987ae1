package dev.gate.sbom.catalog;

import dev.gate.errors.GateException;
import dev.gate.image.CheckedStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * The time cataloging one image may take. Catalogers ask between files and archive entries; when it is
 * spent the run fails closed, because an SBOM cut short would let an image pass a gate on half its packages.
 */
public final class CatalogDeadline {

    /** Longer budgets mean "no limit" and would overflow the clock's arithmetic. */
    private static final Duration LONGEST = Duration.ofDays(365L * 100);

    private final String imageName;
    private final Duration budget;
    private final long endsAt;

    private CatalogDeadline(String imageName, Duration budget) {
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("a catalog time budget must be positive");
        }
        this.imageName = imageName;
        this.budget = budget;
        this.endsAt = System.nanoTime() + (budget.compareTo(LONGEST) > 0 ? LONGEST : budget).toNanos();
    }

    /** Starts the clock for one image. */
    public static CatalogDeadline start(String imageName, Duration budget) {
        return new CatalogDeadline(imageName, budget);
    }

    public Duration budget() {
        return budget;
    }

    /** What is left, never negative. */
    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, endsAt - System.nanoTime()));
    }

    public boolean expired() {
        return endsAt - System.nanoTime() <= 0;
    }

    /** Throws {@link Exceeded} once the budget is spent. */
    public void check() {
        if (expired()) {
            throw new Exceeded("cataloging " + printable(imageName) + " did not finish within its time budget of "
                    + describe(budget) + " (--catalog-timeout); no SBOM is produced from a partial catalog");
        }
    }

    /**
     * The stream, asking the deadline before each read: a decompressor or an archive reader built on it stops
     * within one buffer of the deadline, however much a crafted input makes it inflate or skip.
     */
    public InputStream guard(InputStream in) {
        // A stream that checks its digest still does through the guard, which passes every byte on: saying so spares
        // the squash a second hash of every layer.
        return in instanceof CheckedStream ? new CheckedGuard(in) : new Guard(in);
    }

    private class Guard extends FilterInputStream {
        Guard(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            check();
            return super.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            check();
            return super.read(b, off, len);
        }

        @Override
        public long skip(long n) throws IOException {
            check();
            return super.skip(n);
        }
    }

    private final class CheckedGuard extends Guard implements CheckedStream {
        CheckedGuard(InputStream in) {
            super(in);
        }
    }

    /** "10m", "90s", "250ms": the form the flag takes. */
    static String describe(Duration d) {
        if (d.toMillis() % 60_000 == 0) {
            return d.toMinutes() + "m";
        }
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    /** An image name can come from an archive's manifest: control characters are shown escaped, never sent to a terminal. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /** The budget is spent: an input problem (exit 2), never turned into an "unknown" by a cataloger. */
    public static final class Exceeded extends GateException {
        Exceeded(String message) {
            super(Kind.INPUT, message);
        }
    }
}
