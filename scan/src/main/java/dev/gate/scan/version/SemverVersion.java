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

    @Override
    public int compare(String a, String b) {
        Matcher left = parse(a);
        Matcher right = parse(b);
        for (int group = 1; group <= 3; group++) {
            int cmp = number(left.group(group)).compareTo(number(right.group(group)));
            if (cmp != 0) {
                return cmp;
            }
        }
        return comparePrerelease(left.group(4), right.group(4));
    }

    private Matcher parse(String version) {
        Matcher m = SEMVER.matcher(version.trim());
        if (!m.matches()) {
            throw new InvalidVersionException(ecosystem, version);
        }
        return m;
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
