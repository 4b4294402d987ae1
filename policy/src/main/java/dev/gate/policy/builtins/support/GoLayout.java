package dev.gate.policy.builtins.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A Go time layout ("2006-01-02T15:04:05Z07:00") split into literal text and reference-time elements. */
final class GoLayout {
    enum Element {
        LONG_MONTH,
        MONTH,
        NUM_MONTH,
        ZERO_MONTH,
        LONG_WEEKDAY,
        WEEKDAY,
        DAY,
        UNDER_DAY,
        ZERO_DAY,
        UNDER_YEAR_DAY,
        ZERO_YEAR_DAY,
        HOUR,
        HOUR12,
        ZERO_HOUR12,
        MINUTE,
        ZERO_MINUTE,
        SECOND,
        ZERO_SECOND,
        LONG_YEAR,
        YEAR,
        PM,
        LOWER_PM,
        TZ,
        ISO_TZ,
        ISO_COLON_TZ,
        ISO_SHORT_TZ,
        ISO_COLON_SECONDS_TZ,
        ISO_SECONDS_TZ,
        NUM_TZ,
        NUM_COLON_TZ,
        NUM_SHORT_TZ,
        NUM_SECONDS_TZ,
        NUM_COLON_SECONDS_TZ,
        FRAC_ZEROS,
        FRAC_NINES
    }

    /** Literal text (element null) or an element; for fractions, width is the digit count. */
    record Chunk(String text, Element element, int width) {}

    static final Map<String, String> NAMED = Map.ofEntries(
            Map.entry("ANSIC", "Mon Jan _2 15:04:05 2006"),
            Map.entry("UnixDate", "Mon Jan _2 15:04:05 MST 2006"),
            Map.entry("RubyDate", "Mon Jan 02 15:04:05 -0700 2006"),
            Map.entry("RFC822", "02 Jan 06 15:04 MST"),
            Map.entry("RFC822Z", "02 Jan 06 15:04 -0700"),
            Map.entry("RFC850", "Monday, 02-Jan-06 15:04:05 MST"),
            Map.entry("RFC1123", "Mon, 02 Jan 2006 15:04:05 MST"),
            Map.entry("RFC1123Z", "Mon, 02 Jan 2006 15:04:05 -0700"),
            Map.entry("RFC3339", "2006-01-02T15:04:05Z07:00"),
            Map.entry("RFC3339Nano", "2006-01-02T15:04:05.999999999Z07:00"),
            Map.entry("Kitchen", "3:04PM"),
            Map.entry("Stamp", "Jan _2 15:04:05"),
            Map.entry("StampMilli", "Jan _2 15:04:05.000"),
            Map.entry("StampMicro", "Jan _2 15:04:05.000000"),
            Map.entry("StampNano", "Jan _2 15:04:05.000000000"),
            Map.entry("DateTime", "2006-01-02 15:04:05"),
            Map.entry("DateOnly", "2006-01-02"),
            Map.entry("TimeOnly", "15:04:05"));

    private static final String[][] PREFIXED = {
        {"January", "LONG_MONTH"},
        {"Jan", "MONTH"},
        {"Monday", "LONG_WEEKDAY"},
        {"Mon", "WEEKDAY"},
        {"MST", "TZ"},
        {"002", "ZERO_YEAR_DAY"},
        {"01", "ZERO_MONTH"},
        {"02", "ZERO_DAY"},
        {"03", "ZERO_HOUR12"},
        {"04", "ZERO_MINUTE"},
        {"05", "ZERO_SECOND"},
        {"06", "YEAR"},
        {"15", "HOUR"},
        {"1", "NUM_MONTH"},
        {"2006", "LONG_YEAR"},
        {"2", "DAY"},
        {"__2", "UNDER_YEAR_DAY"},
        {"_2", "UNDER_DAY"},
        {"3", "HOUR12"},
        {"4", "MINUTE"},
        {"5", "SECOND"},
        {"PM", "PM"},
        {"pm", "LOWER_PM"},
        {"-07:00:00", "NUM_COLON_SECONDS_TZ"},
        {"-070000", "NUM_SECONDS_TZ"},
        {"-07:00", "NUM_COLON_TZ"},
        {"-0700", "NUM_TZ"},
        {"-07", "NUM_SHORT_TZ"},
        {"Z07:00:00", "ISO_COLON_SECONDS_TZ"},
        {"Z070000", "ISO_SECONDS_TZ"},
        {"Z07:00", "ISO_COLON_TZ"},
        {"Z0700", "ISO_TZ"},
        {"Z07", "ISO_SHORT_TZ"},
    };

    private GoLayout() {}

    static String resolve(String layout) {
        return NAMED.getOrDefault(layout, layout);
    }

    static List<Chunk> chunks(String layout) {
        List<Chunk> chunks = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < layout.length()) {
            Chunk element = elementAt(layout, i);
            if (element == null) {
                literal.append(layout.charAt(i++));
                continue;
            }
            if (literal.length() > 0) {
                chunks.add(new Chunk(literal.toString(), null, 0));
                literal.setLength(0);
            }
            chunks.add(element);
            i += element.text.length();
        }
        if (literal.length() > 0) {
            chunks.add(new Chunk(literal.toString(), null, 0));
        }
        return chunks;
    }

    private static Chunk elementAt(String layout, int i) {
        char c = layout.charAt(i);
        if ((c == '.' || c == ',')
                && i + 1 < layout.length()
                && (layout.charAt(i + 1) == '0' || layout.charAt(i + 1) == '9')) {
            char digit = layout.charAt(i + 1);
            int j = i + 1;
            while (j < layout.length() && layout.charAt(j) == digit) {
                j++;
            }
            if (j >= layout.length() || !Character.isDigit(layout.charAt(j))) {
                Element e = digit == '0' ? Element.FRAC_ZEROS : Element.FRAC_NINES;
                return new Chunk(layout.substring(i, j), e, j - i - 1);
            }
        }
        if (layout.startsWith("_2006", i)) {
            return null; // a literal underscore before the year, as Go reads it
        }
        for (String[] candidate : PREFIXED) {
            if (layout.startsWith(candidate[0], i) && !weekdayOrMonthMismatch(layout, i, candidate[0])) {
                return new Chunk(candidate[0], Element.valueOf(candidate[1]), 0);
            }
        }
        return null;
    }

    /** "Jan" and "Mon" only count when not followed by a lowercase letter other than their long forms. */
    private static boolean weekdayOrMonthMismatch(String layout, int i, String token) {
        int next = i + token.length();
        return (token.equals("Jan") || token.equals("Mon"))
                && next < layout.length()
                && Character.isLowerCase(layout.charAt(next));
    }
}
