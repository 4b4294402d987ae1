package dev.gate.policy.builtins.support;

/**
 * What is left of a value while Go's time.Parse reads it, and Go's ways of taking a field off its front: getnum,
 * lookup, a fixed run of digits, a fraction of a second. The parser says which field comes next; this class knows how
 * Go reads one. A field that is not there throws {@link Mismatch} and leaves the reading where it stopped, so the
 * parser can report the layout element against the text it was given.
 */
final class GoTimeText {
    private String rest;

    GoTimeText(String value) {
        this.rest = value;
    }

    /** The value does not fit the layout element being read; reported with Go's "cannot parse". */
    static final class Mismatch extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Mismatch() {
            super(null, null, false, false);
        }
    }

    String rest() {
        return rest;
    }

    /** Goes back to a rest read earlier, when a field turned out not to fit. */
    void restore(String earlier) {
        rest = earlier;
    }

    boolean startsWith(String prefix) {
        return rest.startsWith(prefix);
    }

    /** Takes the prefix when the rest starts with it. */
    boolean skip(String prefix) {
        if (!rest.startsWith(prefix)) return false;
        rest = rest.substring(prefix.length());
        return true;
    }

    void drop(int chars) {
        rest = rest.substring(chars);
    }

    /**
     * Go's skip: the layout's literal text, where a run of spaces matches a run of one or more spaces in the value.
     * False, with nothing taken, when the value does not follow it.
     */
    boolean literal(String text) {
        int t = 0;
        int v = 0;
        while (t < text.length()) {
            if (text.charAt(t) == ' ') {
                if (v >= rest.length() || rest.charAt(v) != ' ') return false;
                t = skipSpaces(text, t);
                v = skipSpaces(rest, v);
            } else if (v < rest.length() && rest.charAt(v) == text.charAt(t)) {
                t++;
                v++;
            } else {
                return false;
            }
        }
        rest = rest.substring(v);
        return true;
    }

    private static int skipSpaces(String s, int at) {
        int i = at;
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /** The index of the name the rest starts with (any case), or its first three letters when abbreviated. */
    int lookup(String[] names, boolean abbreviated) {
        for (int i = 0; i < names.length; i++) {
            String name = abbreviated ? names[i].substring(0, 3) : names[i];
            if (rest.length() >= name.length()
                    && rest.substring(0, name.length()).equalsIgnoreCase(name)) {
                rest = rest.substring(name.length());
                return i;
            }
        }
        throw new Mismatch();
    }

    /** Go's getnum: two digits when zero-padded, else one or two. */
    int number(boolean padded) {
        if (rest.isEmpty() || !Character.isDigit(rest.charAt(0))) {
            throw new Mismatch();
        }
        boolean two = rest.length() >= 2 && Character.isDigit(rest.charAt(1));
        if (padded && !two) {
            throw new Mismatch();
        }
        return take(two ? 2 : 1);
    }

    /** Exactly so many digits. */
    int fixed(int digits) {
        if (rest.length() < digits || !rest.substring(0, digits).chars().allMatch(Character::isDigit)) {
            throw new Mismatch();
        }
        return take(digits);
    }

    /** Spaces, then one digit up to the most a field has ("__2" for the day of the year). */
    int spacePadded(int maxDigits) {
        while (rest.startsWith(" ")) {
            rest = rest.substring(1);
        }
        int n = 0;
        while (n < Math.min(maxDigits, rest.length()) && Character.isDigit(rest.charAt(n))) {
            n++;
        }
        return take(n);
    }

    private int take(int n) {
        if (n == 0) {
            throw new Mismatch();
        }
        int parsed = Integer.parseInt(rest.substring(0, n));
        rest = rest.substring(n);
        return parsed;
    }

    /** Whether the rest starts with the afternoon's marker or the morning's; neither does not fit. */
    boolean meridiem(String pm, String am) {
        if (rest.startsWith(pm) || rest.startsWith(am)) {
            boolean isPm = rest.startsWith(pm);
            rest = rest.substring(2);
            return isPm;
        }
        throw new Mismatch();
    }

    /** A fraction the layout writes with so many digits (".000"), in nanoseconds. */
    int fraction(int width) {
        if (rest.length() < width + 1 || rest.charAt(0) != '.' && rest.charAt(0) != ',') {
            throw new Mismatch();
        }
        String digits = rest.substring(1, width + 1);
        rest = rest.substring(width + 1);
        return nanosOf(digits);
    }

    /** A fraction of any length, in nanoseconds, or -1 with nothing taken when none is there. */
    int optionalFraction() {
        if (rest.length() < 2 || rest.charAt(0) != '.' && rest.charAt(0) != ',' || !Character.isDigit(rest.charAt(1))) {
            return -1;
        }
        int n = 1;
        while (n < rest.length() && Character.isDigit(rest.charAt(n))) {
            n++;
        }
        String digits = rest.substring(1, n);
        rest = rest.substring(n);
        return nanosOf(digits);
    }

    private static int nanosOf(String digits) {
        if (!digits.chars().allMatch(Character::isDigit) || digits.isEmpty()) {
            throw new Mismatch();
        }
        String nine = (digits + "000000000").substring(0, 9);
        return Integer.parseInt(nine);
    }
}
