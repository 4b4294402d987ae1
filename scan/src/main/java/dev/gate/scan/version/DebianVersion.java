package dev.gate.scan.version;

/**
 * dpkg's ordering ({@code deb-version(7)}): {@code [epoch:]upstream[-revision]}, each part compared
 * by alternating non-digit runs (where {@code ~} sorts before everything, even the end, and letters
 * before other characters) and numeric runs.
 */
public final class DebianVersion implements VersionOrdering {

    private final ParseCache<Parts> cache = new ParseCache<>();

    @Override
    public int compare(String a, String b) {
        Parts left = cache.get(a, Parts::parse);
        Parts right = cache.get(b, Parts::parse);
        int byEpoch = Long.compare(left.epoch, right.epoch);
        if (byEpoch != 0) {
            return byEpoch;
        }
        int byUpstream = compareFragment(left.upstream, right.upstream);
        return byUpstream != 0 ? byUpstream : compareFragment(left.revision, right.revision);
    }

    private record Parts(long epoch, String upstream, String revision) {
        static Parts parse(String version) {
            String v = version.trim();
            if (v.isEmpty()) {
                throw new InvalidVersionException("Debian", version);
            }
            long epoch = 0;
            int colon = v.indexOf(':');
            if (colon >= 0) {
                String e = v.substring(0, colon);
                if (e.isEmpty() || !e.chars().allMatch(Character::isDigit) || e.length() > 9) {
                    throw new InvalidVersionException("Debian", version);
                }
                epoch = Long.parseLong(e);
                v = v.substring(colon + 1);
            }
            int dash = v.lastIndexOf('-');
            String upstream = dash >= 0 ? v.substring(0, dash) : v;
            String revision = dash >= 0 ? v.substring(dash + 1) : "";
            if (upstream.isEmpty()) {
                throw new InvalidVersionException("Debian", version);
            }
            return new Parts(epoch, upstream, revision);
        }
    }

    private static int order(int c) {
        if (c == '~') {
            return -1;
        }
        if (c == 0 || Character.isDigit(c)) {
            return 0;
        }
        if (Character.isLetter(c)) {
            return c;
        }
        return c + 256;
    }

    static int compareFragment(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            int firstDiff = 0;
            while ((i < a.length() && !Character.isDigit(a.charAt(i)))
                    || (j < b.length() && !Character.isDigit(b.charAt(j)))) {
                int ac = i < a.length() ? order(a.charAt(i)) : 0;
                int bc = j < b.length() ? order(b.charAt(j)) : 0;
                if (ac != bc) {
                    return Integer.compare(ac, bc);
                }
                i++;
                j++;
            }
            while (i < a.length() && a.charAt(i) == '0') {
                i++;
            }
            while (j < b.length() && b.charAt(j) == '0') {
                j++;
            }
            while (i < a.length()
                    && Character.isDigit(a.charAt(i))
                    && j < b.length()
                    && Character.isDigit(b.charAt(j))) {
                if (firstDiff == 0) {
                    firstDiff = a.charAt(i) - b.charAt(j);
                }
                i++;
                j++;
            }
            if (i < a.length() && Character.isDigit(a.charAt(i))) {
                return 1;
            }
            if (j < b.length() && Character.isDigit(b.charAt(j))) {
                return -1;
            }
            if (firstDiff != 0) {
                return Integer.signum(firstDiff);
            }
        }
        return 0;
    }
}
