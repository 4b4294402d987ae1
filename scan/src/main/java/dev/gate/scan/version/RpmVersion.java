package dev.gate.scan.version;

/**
 * rpm's ordering: {@code [epoch:]version[-release]}, the epoch numerically (absent is 0), then
 * version and release with rpmvercmp: alphanumeric segments, numbers above letters, {@code ~}
 * before everything (even the end) and {@code ^} after the end but before any more segments.
 */
public final class RpmVersion implements VersionOrdering {

    private final ParseCache<Evr> cache = new ParseCache<>();

    @Override
    public int compare(String a, String b) {
        Evr left = cache.get(a, Evr::parse);
        Evr right = cache.get(b, Evr::parse);
        int byEpoch = Long.compare(left.epoch, right.epoch);
        if (byEpoch != 0) {
            return byEpoch;
        }
        int byVersion = rpmvercmp(left.version, right.version);
        if (byVersion != 0) {
            return byVersion;
        }
        if (left.release == null || right.release == null) {
            return left.release == null ? (right.release == null ? 0 : -1) : 1;
        }
        return rpmvercmp(left.release, right.release);
    }

    /** Release is null when absent: "1" sorts before "1-" and "1-0", as the shared vectors expect. */
    private record Evr(long epoch, String version, String release) {
        /** Splits as rpm's parseEVR does: a colon is an epoch separator only after leading digits. */
        static Evr parse(String text) {
            String v = text.trim();
            if (v.isEmpty()) {
                throw new InvalidVersionException("RPM", text);
            }
            int digits = 0;
            while (digits < v.length() && Character.isDigit(v.charAt(digits))) {
                digits++;
            }
            int dash = v.lastIndexOf('-');
            String release = dash >= digits ? v.substring(dash + 1) : null;
            String rest = dash >= digits ? v.substring(0, dash) : v;
            long epoch = 0;
            if (digits < rest.length() && rest.charAt(digits) == ':') {
                if (digits > 18) {
                    throw new InvalidVersionException("RPM", text);
                }
                epoch = digits == 0 ? 0 : Long.parseLong(rest.substring(0, digits));
                rest = rest.substring(digits + 1);
            }
            return new Evr(epoch, rest, release);
        }
    }

    static int rpmvercmp(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            i = skipSeparators(a, i);
            j = skipSeparators(b, j);
            char ca = i < a.length() ? a.charAt(i) : 0;
            char cb = j < b.length() ? b.charAt(j) : 0;
            if (ca == '~' || cb == '~') {
                if (ca != '~') {
                    return 1;
                }
                if (cb != '~') {
                    return -1;
                }
                i++;
                j++;
                continue;
            }
            if (ca == '^' || cb == '^') {
                if (ca == 0) {
                    return -1;
                }
                if (cb == 0) {
                    return 1;
                }
                if (ca != '^') {
                    return 1;
                }
                if (cb != '^') {
                    return -1;
                }
                i++;
                j++;
                continue;
            }
            if (ca == 0 || cb == 0) {
                break;
            }
            boolean numeric = Character.isDigit(ca);
            int endA = segmentEnd(a, i, numeric);
            int endB = segmentEnd(b, j, numeric);
            if (endB == j) {
                // Segments of different kinds: a number is newer than letters.
                return numeric ? 1 : -1;
            }
            int cmp = numeric
                    ? compareNumbers(a.substring(i, endA), b.substring(j, endB))
                    : a.substring(i, endA).compareTo(b.substring(j, endB));
            if (cmp != 0) {
                return cmp < 0 ? -1 : 1;
            }
            i = endA;
            j = endB;
        }
        boolean restA = i < a.length();
        boolean restB = j < b.length();
        if (!restA && !restB) {
            return 0;
        }
        return restA ? 1 : -1;
    }

    private static boolean isAlnum(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static int skipSeparators(String s, int i) {
        while (i < s.length() && !isAlnum(s.charAt(i)) && s.charAt(i) != '~' && s.charAt(i) != '^') {
            i++;
        }
        return i;
    }

    private static int segmentEnd(String s, int i, boolean numeric) {
        while (i < s.length()
                && (numeric ? Character.isDigit(s.charAt(i)) : Character.isLetter(s.charAt(i)))
                && isAlnum(s.charAt(i))) {
            i++;
        }
        return i;
    }

    static int compareNumbers(String a, String b) {
        String x = a.replaceFirst("^0+", "");
        String y = b.replaceFirst("^0+", "");
        if (x.length() != y.length()) {
            return Integer.compare(x.length(), y.length());
        }
        return x.compareTo(y);
    }
}
