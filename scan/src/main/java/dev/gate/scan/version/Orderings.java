package dev.gate.scan.version;

import java.util.Map;
import java.util.Optional;

/** Finds the version ordering for an OSV ecosystem string such as {@code Debian:12} or {@code PyPI}. */
public final class Orderings {

    private static final VersionOrdering DEBIAN = new DebianVersion();
    private static final VersionOrdering RPM = new RpmVersion();
    private static final VersionOrdering ALPINE = new AlpineVersion();
    private static final VersionOrdering SEMVER = new SemverVersion();

    /** Keyed by the ecosystem's base name, the part before any {@code :release} suffix. */
    private static final Map<String, VersionOrdering> BY_BASE = Map.ofEntries(
            Map.entry("Debian", DEBIAN),
            Map.entry("Ubuntu", DEBIAN),
            Map.entry("Alpine", ALPINE),
            Map.entry("Wolfi", ALPINE),
            Map.entry("Chainguard", ALPINE),
            Map.entry("AlmaLinux", RPM),
            Map.entry("Rocky Linux", RPM),
            Map.entry("Red Hat", RPM),
            Map.entry("openSUSE", RPM),
            Map.entry("SUSE", RPM),
            Map.entry("Mageia", RPM),
            Map.entry("Maven", new MavenVersion()),
            Map.entry("PyPI", new PypiVersion()),
            Map.entry("npm", new NpmVersion()),
            Map.entry("Go", new GoVersion()),
            Map.entry("crates.io", SEMVER),
            Map.entry("SemVer", SEMVER));

    private Orderings() {}

    public static Optional<VersionOrdering> forEcosystem(String ecosystem) {
        return Optional.ofNullable(BY_BASE.get(baseName(ecosystem)));
    }

    /** The SEMVER range type of OSV always uses SemVer 2.0, whatever the ecosystem. */
    public static VersionOrdering semver() {
        return SEMVER;
    }

    public static String baseName(String ecosystem) {
        int colon = ecosystem.indexOf(':');
        return colon < 0 ? ecosystem : ecosystem.substring(0, colon);
    }
}
