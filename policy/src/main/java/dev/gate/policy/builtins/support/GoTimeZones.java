package dev.gate.policy.builtins.support;

import dev.gate.policy.builtins.support.GoLayout.Element;
import dev.gate.policy.builtins.support.GoTimeText.Mismatch;

/**
 * The zone of a Go time value, as seconds east of UTC. A numeric offset follows its layout element (-0700, -07:00,
 * -07, with seconds or not; the Z07 forms also take "Z"). An abbreviation ("MST") is a zone Go knows only when it is
 * the machine's own; otherwise Go invents one of zero offset, and here every abbreviation reads so.
 */
final class GoTimeZones {
    private GoTimeZones() {}

    /** Three or more capitals, or "Z": a zone Go invents with a zero offset. */
    static int abbreviation(GoTimeText text) {
        String rest = text.rest();
        int n = 0;
        while (n < rest.length() && Character.isUpperCase(rest.charAt(n))) {
            n++;
        }
        if (n < 3 && !rest.startsWith("Z")) {
            throw new Mismatch();
        }
        text.drop(Math.max(n, 1));
        return 0;
    }

    /** A signed offset written as the element says: hours, then minutes and seconds unless it leaves them out. */
    static int offset(Element element, GoTimeText text) {
        boolean iso = element.name().startsWith("ISO");
        if (iso && text.skip("Z")) {
            return 0;
        }
        boolean negative = text.skip("-");
        if (!negative && !text.skip("+")) {
            throw new Mismatch();
        }
        boolean colon = element.name().contains("COLON");
        int hours = text.fixed(2);
        int minutes = 0;
        int seconds = 0;
        if (!element.name().endsWith("SHORT_TZ")) {
            minutes = colonThenTwoDigits(colon, text);
            if (element.name().contains("SECONDS")) {
                seconds = colonThenTwoDigits(colon, text);
            }
        }
        int total = hours * 3600 + minutes * 60 + seconds;
        return negative ? -total : total;
    }

    private static int colonThenTwoDigits(boolean colon, GoTimeText text) {
        if (colon && !text.skip(":")) {
            throw new Mismatch();
        }
        return text.fixed(2);
    }
}
