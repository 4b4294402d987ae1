package dev.gate.policy.builtins.support;

import dev.gate.policy.builtins.support.GoLayout.Chunk;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Go's Time.Format for {@code time.format}: a layout (or its Go name) applied to a zoned time. */
public final class GoTimeFormatter {
    private static final DateTimeFormatter ZONE_NAME = DateTimeFormatter.ofPattern("zzz", Locale.US);

    private GoTimeFormatter() {}

    public static String format(ZonedDateTime t, String layout) {
        StringBuilder out = new StringBuilder();
        for (Chunk chunk : GoLayout.chunks(GoLayout.resolve(layout))) {
            if (chunk.element() == null) {
                out.append(chunk.text());
            } else {
                out.append(element(t, chunk));
            }
        }
        return out.toString();
    }

    private static String element(ZonedDateTime t, Chunk chunk) {
        int hour12 = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
        String month = GoTimeParser.LONG_MONTHS[t.getMonthValue() - 1];
        String weekday = GoTimeParser.LONG_DAYS[t.getDayOfWeek().getValue() - 1];
        return switch (chunk.element()) {
            case LONG_YEAR -> year(t.getYear());
            case YEAR -> two(Math.floorMod(t.getYear(), 100));
            case LONG_MONTH -> month;
            case MONTH -> month.substring(0, 3);
            case NUM_MONTH -> Integer.toString(t.getMonthValue());
            case ZERO_MONTH -> two(t.getMonthValue());
            case LONG_WEEKDAY -> weekday;
            case WEEKDAY -> weekday.substring(0, 3);
            case DAY -> Integer.toString(t.getDayOfMonth());
            case UNDER_DAY -> String.format("%2d", t.getDayOfMonth());
            case ZERO_DAY -> two(t.getDayOfMonth());
            case UNDER_YEAR_DAY -> String.format("%3d", t.getDayOfYear());
            case ZERO_YEAR_DAY -> String.format("%03d", t.getDayOfYear());
            case HOUR -> two(t.getHour());
            case HOUR12 -> Integer.toString(hour12);
            case ZERO_HOUR12 -> two(hour12);
            case MINUTE -> Integer.toString(t.getMinute());
            case ZERO_MINUTE -> two(t.getMinute());
            case SECOND -> Integer.toString(t.getSecond());
            case ZERO_SECOND -> two(t.getSecond());
            case PM -> t.getHour() >= 12 ? "PM" : "AM";
            case LOWER_PM -> t.getHour() >= 12 ? "pm" : "am";
            case FRAC_ZEROS ->
                chunk.text().charAt(0) + String.format("%09d", t.getNano()).substring(0, chunk.width());
            case FRAC_NINES -> trimmedFraction(chunk, t.getNano());
            case TZ -> zoneName(t);
            default -> offset(chunk, t.getOffset().getTotalSeconds());
        };
    }

    private static String year(int year) {
        return year < 0 ? "-" + String.format("%04d", -year) : String.format("%04d", year);
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }

    private static String trimmedFraction(Chunk chunk, int nanos) {
        String digits = String.format("%09d", nanos).substring(0, chunk.width()).replaceAll("0+$", "");
        return digits.isEmpty() ? "" : chunk.text().charAt(0) + digits;
    }

    private static String zoneName(ZonedDateTime t) {
        if (t.getZone().equals(ZoneOffset.UTC) || t.getZone().getId().equals("UTC")) {
            return "UTC";
        }
        String name = ZONE_NAME.format(t);
        if (name.matches("[A-Z]{3,5}")) {
            return name;
        }
        int seconds = t.getOffset().getTotalSeconds();
        int minutes = Math.abs(seconds) / 60;
        String hm = String.format("%02d%02d", minutes / 60, minutes % 60);
        return (seconds < 0 ? "-" : "+") + (hm.endsWith("00") ? hm.substring(0, 2) : hm);
    }

    private static String offset(Chunk chunk, int seconds) {
        String name = chunk.element().name();
        if (name.startsWith("ISO") && seconds == 0) {
            return "Z";
        }
        int abs = Math.abs(seconds);
        String sep = name.contains("COLON") ? ":" : "";
        StringBuilder out = new StringBuilder(seconds < 0 ? "-" : "+").append(two(abs / 3600));
        if (!name.endsWith("SHORT_TZ")) {
            out.append(sep).append(two(abs / 60 % 60));
            if (name.contains("SECONDS")) {
                out.append(sep).append(two(abs % 60));
            }
        }
        return out.toString();
    }
}
