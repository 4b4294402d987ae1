package dev.gate.scan.version;

/** npm's node-semver order: SemVer 2.0 with a tolerated leading {@code v} or {@code =}. */
public final class NpmVersion implements VersionOrdering {

    private final SemverVersion semver = new SemverVersion("npm");

    @Override
    public int compare(String a, String b) {
        return semver.compare(a, b);
    }
}
