package dev.gate.policy.builtins.support;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Map;

/**
 * Go's time.ParseDuration: "1h30m", "-1.5s", "300ms", "2h45m0.5s"; nanoseconds in an int64. OPA's
 * time.parse_duration_ns also reads days, weeks and 365-day years ("1y2w3d4h").
 */
public final class GoDuration {
    private static final Map<String, Long> UNITS = Map.of(
            "ns",
            1L,
            "us",
            1_000L,
            "\u00b5s",
            1_000L,
            "\u03bcs",
            1_000L,
            "ms",
            1_000_000L,
            "s",
            1_000_000_000L,
            "m",
            60_000_000_000L,
            "h",
            3_600_000_000_000L);
    private static final Map<String, Long> EXTENDED_UNITS = extended();
    private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger MIN_ABS = MAX.add(BigInteger.ONE);

    private GoDuration() {}

    public static long parseNanos(String text) {
        return parse(text, UNITS);
    }

    /** As {@link #parseNanos}, with OPA's d (24h), w (7d) and y (365d) as well. */
    public static long parseExtendedNanos(String text) {
        return parse(text, EXTENDED_UNITS);
    }

    private static Map<String, Long> extended() {
        long day = 24 * UNITS.get("h");
        Map<String, Long> units = new java.util.HashMap<>(UNITS);
        units.put("d", day);
        units.put("w", 7 * day);
        units.put("y", 365 * day);
        return Map.copyOf(units);
    }

    private static long parse(String text, Map<String, Long> units) {
        String s = text;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return 0;
        }
        if (s.isEmpty()) {
            throw invalid(text);
        }
        BigDecimal total = BigDecimal.ZERO;
        int i = 0;
        while (i < s.length()) {
            int numberStart = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            String number = s.substring(numberStart, i);
            if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')) {
                throw invalid(text);
            }
            int unitStart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            String unit = s.substring(unitStart, i);
            if (unit.isEmpty()) {
                throw new IllegalArgumentException("time: missing unit in duration " + GoQuote.quote(text));
            }
            Long scale = units.get(unit);
            if (scale == null) {
                throw new IllegalArgumentException(
                        "time: unknown unit " + GoQuote.quote(unit) + " in duration " + GoQuote.quote(text));
            }
            String normalized = number.startsWith(".") ? "0" + number : number.endsWith(".") ? number + "0" : number;
            total = total.add(new BigDecimal(normalized).multiply(BigDecimal.valueOf(scale)));
        }
        BigInteger nanos = total.setScale(0, RoundingMode.DOWN).toBigIntegerExact();
        if (nanos.compareTo(negative ? MIN_ABS : MAX) > 0) {
            throw invalid(text);
        }
        return negative ? nanos.negate().longValue() : nanos.longValue();
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("time: invalid duration " + GoQuote.quote(text));
    }
}
