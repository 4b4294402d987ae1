package dev.gate.policy.builtins.support;

import java.util.regex.Pattern;

/**
 * A SemVer 2.0.0 version as OPA 1.22 reads it: exactly three dot-separated integers without leading zeros, an
 * optional pre-release whose numeric identifiers have no leading zeros either, optional build metadata; a {@code -}
 * or {@code +} must be followed by identifiers. Build metadata never affects ordering.
 */
public record SemVer(long major, long minor, long patch, String preRelease, String metadata) {
    private static final Pattern IDENTIFIERS = Pattern.compile("[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*");
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private static final Pattern LEADING_ZERO = Pattern.compile("0\\d+");

    public static SemVer parse(String text) {
        String rest = text;
        String metadata = null;
        int plus = rest.indexOf('+');
        if (plus >= 0) {
            metadata = rest.substring(plus + 1);
            rest = rest.substring(0, plus);
        }
        String preRelease = null;
        int dash = rest.indexOf('-');
        if (dash >= 0) {
            preRelease = rest.substring(dash + 1);
            rest = rest.substring(0, dash);
        }
        String[] core = rest.split("\\.", -1);
        if (core.length != 3
                || !validIdentifiers(preRelease)
                || !validIdentifiers(metadata)
                || hasLeadingZero(preRelease)) {
            throw new IllegalArgumentException(GoQuote.quote(text) + " is not a valid SemVer");
        }
        return new SemVer(
                number(core[0], text),
                number(core[1], text),
                number(core[2], text),
                preRelease == null ? "" : preRelease,
                metadata == null ? "" : metadata);
    }

    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** -1, 0 or 1 as semver.compare returns. */
    public int compareTo(SemVer other) {
        int c = Long.compare(major, other.major);
        c = c != 0 ? c : Long.compare(minor, other.minor);
        c = c != 0 ? c : Long.compare(patch, other.patch);
        return Integer.signum(c != 0 ? c : comparePreRelease(preRelease, other.preRelease));
    }

    private static int comparePreRelease(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        if (a.isEmpty() || b.isEmpty()) {
            return a.isEmpty() ? 1 : -1;
        }
        String[] as = a.split("\\.");
        String[] bs = b.split("\\.");
        for (int i = 0; i < Math.min(as.length, bs.length); i++) {
            int c = compareIdentifier(as[i], bs[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(as.length, bs.length);
    }

    private static int compareIdentifier(String a, String b) {
        boolean aNumeric = NUMBER.matcher(a).matches();
        boolean bNumeric = NUMBER.matcher(b).matches();
        if (aNumeric && bNumeric) {
            return new java.math.BigInteger(a).compareTo(new java.math.BigInteger(b));
        }
        if (aNumeric != bNumeric) {
            return aNumeric ? -1 : 1;
        }
        return Integer.signum(a.compareTo(b));
    }

    /** Absent, or present (after its - or +) and well formed. */
    private static boolean validIdentifiers(String ids) {
        return ids == null || IDENTIFIERS.matcher(ids).matches();
    }

    private static boolean hasLeadingZero(String preRelease) {
        if (preRelease == null) return false;
        for (String id : preRelease.split("\\.")) if (LEADING_ZERO.matcher(id).matches()) return true;
        return false;
    }

    private static long number(String part, String whole) {
        try {
            if (!NUMBER.matcher(part).matches() || LEADING_ZERO.matcher(part).matches()) {
                throw new NumberFormatException(part);
            }
            return Long.parseLong(part);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(GoQuote.quote(whole) + " is not a valid SemVer");
        }
    }
}
