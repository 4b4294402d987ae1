package dev.gate.policy.builtins.support;

import dev.gate.policy.builtins.support.GoLayout.Chunk;
import dev.gate.policy.builtins.support.GoLayout.Element;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;

/** Go's time.Parse for {@code time.parse_ns}: a layout (or its Go name) and a value, to Unix nanoseconds. */
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
    private String value;
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
        this.value = value;
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
                expectLiteral(chunk.text());
            } else {
                element(chunk, i + 1 < chunks.size() ? chunks.get(i + 1) : null);
            }
        }
        if (!value.isEmpty()) {
            throw new IllegalArgumentException(prefix() + ": extra text: " + GoQuote.quote(value));
        }
    }

    /** Go's skip: a run of spaces in the layout matches a run of one or more spaces in the value. */
    private void expectLiteral(String text) {
        int t = 0;
        int v = 0;
        while (t < text.length()) {
            if (text.charAt(t) == ' ') {
                if (v >= value.length() || value.charAt(v) != ' ') {
                    throw cannotParse(text);
                }
                t = skipSpaces(text, t);
                v = skipSpaces(value, v);
            } else if (v < value.length() && value.charAt(v) == text.charAt(t)) {
                t++;
                v++;
            } else {
                throw cannotParse(text);
            }
        }
        value = value.substring(v);
    }

    private static int skipSpaces(String s, int at) {
        int i = at;
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private void element(Chunk chunk, Chunk next) {
        String before = value;
        try {
            parseElement(chunk, next);
        } catch (Mismatch e) {
            value = before;
            throw cannotParse(chunk.text());
        }
    }

    /** The value does not fit the layout element being read; reported with Go's "cannot parse". */
    private static final class Mismatch extends RuntimeException {
        Mismatch() {
            super(null, null, false, false);
        }
    }

    private void parseElement(Chunk chunk, Chunk next) {
        switch (chunk.element()) {
            case LONG_YEAR -> year = fixed(4);
            case YEAR -> {
                year = fixed(2);
                year += year >= 69 ? 1900 : 2000;
            }
            case LONG_MONTH -> month = lookup(LONG_MONTHS, false) + 1;
            case MONTH -> month = lookup(LONG_MONTHS, true) + 1;
            case NUM_MONTH, ZERO_MONTH -> month = range(number(chunk.element() == Element.ZERO_MONTH), 1, 12, "month");
            case LONG_WEEKDAY -> lookup(LONG_DAYS, false);
            case WEEKDAY -> lookup(LONG_DAYS, true);
            case DAY, UNDER_DAY, ZERO_DAY -> {
                if (chunk.element() == Element.UNDER_DAY && value.startsWith(" ")) {
                    value = value.substring(1);
                }
                day = number(chunk.element() == Element.ZERO_DAY);
            }
            case UNDER_YEAR_DAY, ZERO_YEAR_DAY -> yearDay = range(yearDay(chunk.element()), 1, 366, "day-of-year");
            case HOUR -> hour = range(number(false), 0, 23, "hour");
            case HOUR12, ZERO_HOUR12 -> hour = range(number(chunk.element() == Element.ZERO_HOUR12), 0, 12, "hour");
            case MINUTE, ZERO_MINUTE -> minute = range(number(chunk.element() == Element.ZERO_MINUTE), 0, 59, "minute");
            case SECOND, ZERO_SECOND -> {
                second = range(number(chunk.element() == Element.ZERO_SECOND), 0, 59, "second");
                implicitFraction(next);
            }
            case PM -> pm = meridiem("PM", "AM");
            case LOWER_PM -> pm = meridiem("pm", "am");
            case FRAC_ZEROS -> nanos = fraction(chunk.width(), true);
            case FRAC_NINES -> nanos = fraction(chunk.width(), false);
            case TZ -> zoneAbbreviation();
            default -> offset(chunk.element());
        }
    }

    /** Go reads a fraction after the seconds even when the layout has none. */
    private void implicitFraction(Chunk next) {
        boolean layoutHasFraction =
                next != null && (next.element() == Element.FRAC_ZEROS || next.element() == Element.FRAC_NINES);
        if (!layoutHasFraction
                && value.length() >= 2
                && (value.charAt(0) == '.' || value.charAt(0) == ',')
                && Character.isDigit(value.charAt(1))) {
            int n = 1;
            while (n < value.length() && Character.isDigit(value.charAt(n))) {
                n++;
            }
            nanos = nanosOf(value.substring(1, n));
            value = value.substring(n);
        }
    }

    private int fraction(int width, boolean exact) {
        if (exact) {
            if (value.length() < width + 1 || value.charAt(0) != '.' && value.charAt(0) != ',') {
                throw new Mismatch();
            }
            String digits = value.substring(1, width + 1);
            value = value.substring(width + 1);
            return nanosOf(digits);
        }
        if (value.length() < 2
                || value.charAt(0) != '.' && value.charAt(0) != ','
                || !Character.isDigit(value.charAt(1))) {
            return nanos; // an optional fraction that is absent
        }
        int n = 1;
        while (n < value.length() && Character.isDigit(value.charAt(n))) {
            n++;
        }
        String digits = value.substring(1, n);
        value = value.substring(n);
        return nanosOf(digits);
    }

    private static int nanosOf(String digits) {
        if (!digits.chars().allMatch(Character::isDigit) || digits.isEmpty()) {
            throw new Mismatch();
        }
        String nine = (digits + "000000000").substring(0, 9);
        return Integer.parseInt(nine);
    }

    private int yearDay(Element element) {
        if (element == Element.UNDER_YEAR_DAY) {
            while (value.startsWith(" ")) {
                value = value.substring(1);
            }
            int n = 0;
            while (n < Math.min(3, value.length()) && Character.isDigit(value.charAt(n))) {
                n++;
            }
            return take(n);
        }
        return fixed(3);
    }

    private Boolean meridiem(String p, String a) {
        if (value.startsWith(p) || value.startsWith(a)) {
            boolean isPm = value.startsWith(p);
            value = value.substring(2);
            return isPm;
        }
        throw new Mismatch();
    }

    private void zoneAbbreviation() {
        int n = 0;
        while (n < value.length() && Character.isUpperCase(value.charAt(n))) {
            n++;
        }
        if (n < 3 && !value.startsWith("Z")) {
            throw new Mismatch();
        }
        value = value.substring(Math.max(n, 1));
        offsetSeconds = 0; // Go invents a zero-offset zone for an abbreviation it does not know locally
    }

    private void offset(Element element) {
        boolean iso = element.name().startsWith("ISO");
        if (iso && value.startsWith("Z")) {
            value = value.substring(1);
            offsetSeconds = 0;
            return;
        }
        char sign = value.isEmpty() ? ' ' : value.charAt(0);
        if (sign != '+' && sign != '-') {
            throw new Mismatch();
        }
        value = value.substring(1);
        boolean colon = element.name().contains("COLON");
        int hours = fixed(2);
        int minutes = 0;
        int seconds = 0;
        if (!element.name().endsWith("SHORT_TZ")) {
            minutes = colonThenFixed(colon);
            if (element.name().contains("SECONDS")) {
                seconds = colonThenFixed(colon);
            }
        }
        int total = hours * 3600 + minutes * 60 + seconds;
        offsetSeconds = sign == '-' ? -total : total;
    }

    private int colonThenFixed(boolean colon) {
        if (colon) {
            if (!value.startsWith(":")) {
                throw new Mismatch();
            }
            value = value.substring(1);
        }
        return fixed(2);
    }

    private int lookup(String[] names, boolean abbreviated) {
        for (int i = 0; i < names.length; i++) {
            String name = abbreviated ? names[i].substring(0, 3) : names[i];
            if (value.length() >= name.length()
                    && value.substring(0, name.length()).equalsIgnoreCase(name)) {
                value = value.substring(name.length());
                return i;
            }
        }
        throw new Mismatch();
    }

    /** Go's getnum: two digits when zero-padded, else one or two. */
    private int number(boolean padded) {
        if (value.isEmpty() || !Character.isDigit(value.charAt(0))) {
            throw new Mismatch();
        }
        boolean two = value.length() >= 2 && Character.isDigit(value.charAt(1));
        if (padded && !two) {
            throw new Mismatch();
        }
        return take(two ? 2 : 1);
    }

    private int fixed(int digits) {
        if (value.length() < digits || !value.substring(0, digits).chars().allMatch(Character::isDigit)) {
            throw new Mismatch();
        }
        return take(digits);
    }

    private int take(int n) {
        if (n == 0) {
            throw new Mismatch();
        }
        int parsed = Integer.parseInt(value.substring(0, n));
        value = value.substring(n);
        return parsed;
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
                prefix() + ": cannot parse " + GoQuote.quote(value) + " as " + GoQuote.quote(element));
    }
}
