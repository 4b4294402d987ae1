package dev.gate.policy.builtins.support;

import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * Calendar arithmetic on Unix nanoseconds as Go's time package does it, for time.date, time.clock,
 * time.weekday, time.add_date and time.diff. Go normalises out-of-range dates (Jan 31 plus one
 * month is Mar 3 or Mar 2) where java.time would clamp, so add_date counts months and days itself.
 */
public final class GoCalendar {
    private static final long NANOS = 1_000_000_000L;
    private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private GoCalendar() {}

    /** Go's LoadLocation: "" and "UTC" are UTC, "Local" is the machine's zone, else an IANA name. */
    public static ZoneId zone(String name) {
        if (name.isEmpty() || name.equals("UTC")) {
            return ZoneOffset.UTC;
        }
        if (name.equals("Local")) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(name);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("unknown time zone " + name);
        }
    }

    public static ZonedDateTime at(long nanos, ZoneId zone) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, NANOS), Math.floorMod(nanos, NANOS))
                .atZone(zone);
    }

    public static List<Integer> date(long nanos, ZoneId zone) {
        ZonedDateTime t = at(nanos, zone);
        return List.of(t.getYear(), t.getMonthValue(), t.getDayOfMonth());
    }

    public static List<Integer> clock(long nanos, ZoneId zone) {
        ZonedDateTime t = at(nanos, zone);
        return List.of(t.getHour(), t.getMinute(), t.getSecond());
    }

    public static String weekday(long nanos, ZoneId zone) {
        return GoTimeParser.LONG_DAYS[at(nanos, zone).getDayOfWeek().getValue() - 1];
    }

    /** Go's AddDate in the given zone; fails when the result leaves the int64 nanosecond range. */
    public static long addDate(long nanos, long years, long months, long days, ZoneId zone) {
        ZonedDateTime t = at(nanos, zone);
        try {
            long totalMonths = Math.addExact(
                    Math.addExact(Math.multiplyExact(t.getYear() + years, 12L), t.getMonthValue() - 1L), months);
            LocalDate firstOfMonth = LocalDate.of(
                    Math.toIntExact(Math.floorDiv(totalMonths, 12L)), (int) Math.floorMod(totalMonths, 12L) + 1, 1);
            LocalDate date = firstOfMonth.plusDays(Math.addExact(t.getDayOfMonth() - 1L, days));
            ZonedDateTime result = ZonedDateTime.ofLocal(LocalDateTime.of(date, t.toLocalTime()), zone, t.getOffset());
            return toNanos(result);
        } catch (ArithmeticException | DateTimeException e) {
            throw new IllegalArgumentException("time outside of valid range");
        }
    }

    /** [years, months, days, hours, minutes, seconds] between two instants, in the first one's zone. */
    public static List<Integer> diff(long aNanos, ZoneId aZone, long bNanos, ZoneId bZone) {
        ZonedDateTime a = at(aNanos, aZone);
        ZonedDateTime b = at(bNanos, bZone).withZoneSameInstant(aZone);
        if (a.isAfter(b)) {
            ZonedDateTime swap = a;
            a = b;
            b = swap;
        }
        int year = b.getYear() - a.getYear();
        int month = b.getMonthValue() - a.getMonthValue();
        int day = b.getDayOfMonth() - a.getDayOfMonth();
        int hour = b.getHour() - a.getHour();
        int min = b.getMinute() - a.getMinute();
        int sec = b.getSecond() - a.getSecond();
        if (sec < 0) {
            sec += 60;
            min--;
        }
        if (min < 0) {
            min += 60;
            hour--;
        }
        if (hour < 0) {
            hour += 24;
            day--;
        }
        if (day < 0) {
            day += a.toLocalDate().lengthOfMonth();
            month--;
        }
        if (month < 0) {
            month += 12;
            year--;
        }
        return List.of(year, month, day, hour, min, sec);
    }

    private static long toNanos(ZonedDateTime t) {
        BigInteger ns = BigInteger.valueOf(t.toEpochSecond())
                .multiply(BigInteger.valueOf(NANOS))
                .add(BigInteger.valueOf(t.getNano()));
        if (ns.compareTo(MIN) < 0 || ns.compareTo(MAX) > 0) {
            throw new ArithmeticException("out of range");
        }
        return ns.longValue();
    }
}
