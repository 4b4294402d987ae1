package dev.gate.policy.builtins.support;

import dev.gate.policy.builtins.support.GoLayout.Chunk;
import dev.gate.policy.builtins.support.GoLayout.Element;
import dev.gate.policy.builtins.support.GoTimeText.Mismatch;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Go's time.Parse for {@code time.parse_ns}: a layout (or its Go name) and a value, to Unix nanoseconds. The layout is
 * split by {@link GoLayout}; each element says which field to read, {@link GoTimeText} reads it as Go does and
 * {@link GoTimeZones} the zone; what this class keeps is the fields, their ranges and Go's messages, and the instant
 * they make.
 */
public final class GoTimeParser {
    static final String[] LONG_MONTHS = {
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December"
    };
    static final String[] LONG_DAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
    private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private final String layout;
    private final String original;
    private final GoTimeText value;
    private int year = 1;
    private int month = 1;
    private int day = 1;
    private int yearDay = -1;
    private int hour;
    private int minute;
    private int second;
    private int nanos;
    private int offsetSeconds;
    private Boolean pm;

    private GoTimeParser(String layout, String value) {
        this.layout = layout;
        this.original = value;
        this.value = new GoTimeText(value);
    }

    public static long parseNanos(String layout, String value) {
        GoTimeParser parser = new GoTimeParser(GoLayout.resolve(layout), value);
        parser.run();
        return parser.toNanos();
    }

    private void run() {
        List<Chunk> chunks = GoLayout.chunks(layout);
        for (int i = 0; i < chunks.size(); i++) {
            Chunk chunk = chunks.get(i);
            if (chunk.element() == null) {
                if (!value.literal(chunk.text())) throw cannotParse(chunk.text());
            } else {
                element(chunk, i + 1 < chunks.size() ? chunks.get(i + 1) : null);
            }
        }
        if (!value.rest().isEmpty()) {
            throw new IllegalArgumentException(prefix() + ": extra text: " + GoQuote.quote(value.rest()));
        }
    }

    private void element(Chunk chunk, Chunk next) {
        String before = value.rest();
        try {
            parseElement(chunk, next);
        } catch (Mismatch e) {
            value.restore(before);
            throw cannotParse(chunk.text());
        }
    }

    private void parseElement(Chunk chunk, Chunk next) {
        switch (chunk.element()) {
            case LONG_YEAR -> year = value.fixed(4);
            case YEAR -> {
                year = value.fixed(2);
                year += year >= 69 ? 1900 : 2000;
            }
            case LONG_MONTH -> month = value.lookup(LONG_MONTHS, false) + 1;
            case MONTH -> month = value.lookup(LONG_MONTHS, true) + 1;
            case NUM_MONTH, ZERO_MONTH -> month = range(number(chunk, Element.ZERO_MONTH), 1, 12, "month");
            case LONG_WEEKDAY -> value.lookup(LONG_DAYS, false);
            case WEEKDAY -> value.lookup(LONG_DAYS, true);
            case DAY, UNDER_DAY, ZERO_DAY -> {
                if (chunk.element() == Element.UNDER_DAY) value.skip(" ");
                day = number(chunk, Element.ZERO_DAY);
            }
            case UNDER_YEAR_DAY -> yearDay = range(value.spacePadded(3), 1, 366, "day-of-year");
            case ZERO_YEAR_DAY -> yearDay = range(value.fixed(3), 1, 366, "day-of-year");
            case HOUR -> hour = range(value.number(false), 0, 23, "hour");
            case HOUR12, ZERO_HOUR12 -> hour = range(number(chunk, Element.ZERO_HOUR12), 0, 12, "hour");
            case MINUTE, ZERO_MINUTE -> minute = range(number(chunk, Element.ZERO_MINUTE), 0, 59, "minute");
            case SECOND, ZERO_SECOND -> {
                second = range(number(chunk, Element.ZERO_SECOND), 0, 59, "second");
                implicitFraction(next);
            }
            case PM -> pm = value.meridiem("PM", "AM");
            case LOWER_PM -> pm = value.meridiem("pm", "am");
            case FRAC_ZEROS -> nanos = value.fraction(chunk.width());
            case FRAC_NINES -> optionalFraction();
            case TZ -> offsetSeconds = GoTimeZones.abbreviation(value);
            default -> offsetSeconds = GoTimeZones.offset(chunk.element(), value);
        }
    }

    /** Go's getnum for an element that comes plain or zero-padded. */
    private int number(Chunk chunk, Element padded) {
        return value.number(chunk.element() == padded);
    }

    /** Go reads a fraction after the seconds even when the layout has none. */
    private void implicitFraction(Chunk next) {
        boolean layoutHasFraction =
                next != null && (next.element() == Element.FRAC_ZEROS || next.element() == Element.FRAC_NINES);
        if (!layoutHasFraction) optionalFraction();
    }

    private void optionalFraction() {
        int read = value.optionalFraction();
        if (read >= 0) nanos = read;
    }

    private int range(int n, int min, int max, String what) {
        if (n < min || n > max) {
            throw new IllegalArgumentException(prefix() + ": " + what + " out of range");
        }
        return n;
    }

    private long toNanos() {
        if (pm != null) {
            if (hour > 12) {
                throw new IllegalArgumentException(prefix() + ": hour out of range");
            }
            hour = pm && hour < 12 ? hour + 12 : !pm && hour == 12 ? 0 : hour;
        }
        LocalDate date;
        try {
            date = yearDay > 0 ? LocalDate.ofYearDay(year, yearDay) : LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(prefix() + ": day out of range");
        }
        LocalDateTime local = LocalDateTime.of(date, LocalTime.of(hour, minute, second));
        long epochSecond = local.toEpochSecond(ZoneOffset.UTC) - offsetSeconds;
        BigInteger ns = BigInteger.valueOf(epochSecond)
                .multiply(BigInteger.valueOf(1_000_000_000L))
                .add(BigInteger.valueOf(nanos));
        if (ns.compareTo(MIN) < 0 || ns.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("time outside of valid range");
        }
        return ns.longValue();
    }

    private String prefix() {
        return "parsing time " + GoQuote.quote(original) + " as " + GoQuote.quote(layout);
    }

    private IllegalArgumentException cannotParse(String element) {
        return new IllegalArgumentException(
                prefix() + ": cannot parse " + GoQuote.quote(value.rest()) + " as " + GoQuote.quote(element));
    }
}
