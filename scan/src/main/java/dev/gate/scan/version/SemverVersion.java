package dev.gate.scan.version;

import java.math.BigInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SemVer 2.0 precedence (used for npm, crates.io and OSV's SEMVER ranges): major.minor.patch
 * numerically, a pre-release sorts before its release, pre-release identifiers compared numeric
 * before alphanumeric, build metadata ignored. A leading {@code v} or {@code =} is accepted as
 * npm's loose parser does; numeric components after the third are ignored like build metadata
 * (as the Go semver library osv-scalibr's vectors came from does); missing minor/patch count as 0 because OSV SEMVER data has "1.2".
 */
public final class SemverVersion implements VersionOrdering {

    private static final Pattern SEMVER = Pattern.compile(
            "^[v=]?\\s*(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(?:\\.\\d+)*(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?(?:\\+([0-9A-Za-z.-]+))?$");

    private final String ecosystem;

    public SemverVersion() {
        this("SemVer");
    }

    SemverVersion(String ecosystem) {
        this.ecosystem = ecosystem;
    }

    private final ParseCache<Parsed> cache = new ParseCache<>();

    private record Parsed(BigInteger major, BigInteger minor, BigInteger patch, String prerelease) {}

    @Override
    public int compare(String a, String b) {
        Parsed left = cache.get(a, this::parse);
        Parsed right = cache.get(b, this::parse);
        int cmp = left.major.compareTo(right.major);
        if (cmp == 0) {
            cmp = left.minor.compareTo(right.minor);
        }
        if (cmp == 0) {
            cmp = left.patch.compareTo(right.patch);
        }
        return cmp != 0 ? cmp : comparePrerelease(left.prerelease, right.prerelease);
    }

    private Parsed parse(String version) {
        Matcher m = SEMVER.matcher(version.trim());
        if (!m.matches()) {
            throw new InvalidVersionException(ecosystem, version);
        }
        return new Parsed(number(m.group(1)), number(m.group(2)), number(m.group(3)), m.group(4));
    }

    private static BigInteger number(String digits) {
        return digits == null ? BigInteger.ZERO : new BigInteger(digits);
    }

    static int comparePrerelease(String a, String b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        String[] left = a.split("\\.");
        String[] right = b.split("\\.");
        for (int i = 0; i < Math.min(left.length, right.length); i++) {
            int cmp = compareIdentifier(left[i], right[i]);
            if (cmp != 0) {
                return cmp;
            }
        }
        return Integer.compare(left.length, right.length);
    }

    private static int compareIdentifier(String a, String b) {
        boolean numA = a.chars().allMatch(Character::isDigit);
        boolean numB = b.chars().allMatch(Character::isDigit);
        if (numA && numB) {
            return new BigInteger(a).compareTo(new BigInteger(b));
        }
        if (numA != numB) {
            return numA ? -1 : 1;
        }
        return Integer.signum(a.compareTo(b));
    }
}
