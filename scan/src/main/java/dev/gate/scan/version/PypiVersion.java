package dev.gate.scan.version;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEP 440 ordering: epoch, release (trailing zeros ignored), then dev &lt; pre (a &lt; b &lt; rc) &lt;
 * final &lt; post, local labels last. Strings that are not PEP 440 ("legacy" versions) sort before
 * every valid version and among themselves by setuptools' old component rule, as packaging's
 * LegacyVersion did; this is the defined fallback for old PyPI releases.
 */
public final class PypiVersion implements VersionOrdering {

    private static final Pattern PEP440 = Pattern.compile("^v?(?:(\\d+)!)?(\\d+(?:\\.\\d+)*)"
            + "(?:[-_.]?(a|alpha|b|beta|c|rc|pre|preview)[-_.]?(\\d+)?)?"
            + "(?:(?:-(\\d+))|(?:[-_.]?(post|rev|r)[-_.]?(\\d+)?))?"
            + "(?:[-_.]?(dev)[-_.]?(\\d+)?)?"
            + "(?:\\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?$");

    /** Legacy (non PEP 440) strings are cached as this marker. */
    private static final Pep440 LEGACY_MARK = new Pep440(null, java.util.List.of(), 0, null, null, null, null);

    private final ParseCache<Pep440> cache = new ParseCache<>();

    /**
     * Only PEP 440 versions take part in range matching: pip and packaging reject legacy strings, so
     * an installed legacy version is reported once and matched only against {@code versions[]}.
     */
    @Override
    public boolean isValid(String version) {
        return parsed(version) != null;
    }

    @Override
    public int compare(String a, String b) {
        Pep440 left = parsed(a);
        Pep440 right = parsed(b);
        if (left == null || right == null) {
            if (left != null) {
                return 1;
            }
            if (right != null) {
                return -1;
            }
            return LegacyVersion.compare(a, b);
        }
        return left.compareTo(right);
    }

    private Pep440 parsed(String version) {
        Pep440 p = cache.get(version, v -> {
            Pep440 parsed = Pep440.parse(v);
            return parsed == null ? LEGACY_MARK : parsed;
        });
        return p == LEGACY_MARK ? null : p;
    }

    /** Parsed PEP 440 version; the sort keys follow the spec's "Summary of permitted suffixes". */
    record Pep440(
            BigInteger epoch,
            List<BigInteger> release,
            int preKind,
            BigInteger pre,
            BigInteger post,
            BigInteger dev,
            String local)
            implements Comparable<Pep440> {

        static Pep440 parse(String text) {
            Matcher m = PEP440.matcher(text.trim().toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                return null;
            }
            List<BigInteger> release = new ArrayList<>();
            for (String part : m.group(2).split("\\.")) {
                release.add(new BigInteger(part));
            }
            while (release.size() > 1 && release.get(release.size() - 1).signum() == 0) {
                release.remove(release.size() - 1);
            }
            int preKind = m.group(3) == null
                    ? Integer.MAX_VALUE
                    : switch (m.group(3)) {
                        case "a", "alpha" -> 0;
                        case "b", "beta" -> 1;
                        default -> 2;
                    };
            BigInteger pre = m.group(3) == null ? null : num(m.group(4));
            BigInteger post = m.group(5) != null ? num(m.group(5)) : m.group(6) != null ? num(m.group(7)) : null;
            BigInteger dev = m.group(8) != null ? num(m.group(9)) : null;
            BigInteger epoch = m.group(1) == null ? BigInteger.ZERO : new BigInteger(m.group(1));
            return new Pep440(epoch, release, preKind, pre, post, dev, m.group(10));
        }

        private static BigInteger num(String s) {
            return s == null ? BigInteger.ZERO : new BigInteger(s);
        }

        @Override
        public int compareTo(Pep440 o) {
            int cmp = epoch.compareTo(o.epoch);
            if (cmp == 0) {
                cmp = compareRelease(release, o.release);
            }
            if (cmp == 0) {
                cmp = comparePre(o);
            }
            if (cmp == 0) {
                cmp = compareOptional(post, o.post, -1);
            }
            if (cmp == 0) {
                cmp = compareOptional(dev, o.dev, 1);
            }
            return cmp != 0 ? cmp : compareLocal(local, o.local);
        }

        /** A dev release without pre or post sorts before every pre-release of the same release. */
        private int comparePre(Pep440 o) {
            int kindA = pre == null && post == null && dev != null ? -1 : preKind;
            int kindB = o.pre == null && o.post == null && o.dev != null ? -1 : o.preKind;
            if (kindA != kindB) {
                return Integer.compare(kindA, kindB);
            }
            return pre == null || o.pre == null ? 0 : pre.compareTo(o.pre);
        }

        /** Compares optional numbers; {@code absentSign} says where "absent" sorts (-1 first, 1 last). */
        private static int compareOptional(BigInteger a, BigInteger b, int absentSign) {
            if (a == null || b == null) {
                return a == null ? (b == null ? 0 : absentSign) : -absentSign;
            }
            return a.compareTo(b);
        }
    }

    private static int compareRelease(List<BigInteger> a, List<BigInteger> b) {
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            BigInteger x = i < a.size() ? a.get(i) : BigInteger.ZERO;
            BigInteger y = i < b.size() ? b.get(i) : BigInteger.ZERO;
            int cmp = x.compareTo(y);
            if (cmp != 0) {
                return cmp;
            }
        }
        return 0;
    }

    /** Local labels: absent first; segments numeric above alphanumeric; more segments later. */
    private static int compareLocal(String a, String b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        String[] x = a.split("[-_.]");
        String[] y = b.split("[-_.]");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            boolean nx = x[i].chars().allMatch(Character::isDigit);
            boolean ny = y[i].chars().allMatch(Character::isDigit);
            int cmp = nx && ny
                    ? new BigInteger(x[i]).compareTo(new BigInteger(y[i]))
                    : nx != ny ? (nx ? 1 : -1) : x[i].compareTo(y[i]);
            if (cmp != 0) {
                return Integer.signum(cmp);
            }
        }
        return Integer.compare(x.length, y.length);
    }
}
