package dev.gate.scan.version;

/**
 * Go module versions: semantic versions with a {@code v} prefix (OSV records omit it). A
 * pseudo-version such as {@code v0.0.0-20220906165146-f3363e06e74c} is a pre-release, so SemVer
 * precedence orders it correctly against tags; {@code +incompatible} is build metadata and ignored.
 * The toolchain's own {@code go1.21rc2}-style names are normalized to SemVer first.
 */
public final class GoVersion implements VersionOrdering {

    private final SemverVersion semver = new SemverVersion("Go");

    @Override
    public int compare(String a, String b) {
        return semver.compare(normalize(a), normalize(b));
    }

    static String normalize(String version) {
        String v = version.trim();
        if (v.startsWith("go")) {
            v = v.substring(2).replaceFirst("^(\\d+(?:\\.\\d+)*)(rc|beta|alpha)(\\d+)$", "$1-$2.$3");
        }
        return v.startsWith("v") ? v.substring(1) : v;
    }
}
