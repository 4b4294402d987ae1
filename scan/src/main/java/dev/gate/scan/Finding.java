package dev.gate.scan;

import dev.gate.sbom.Package;
import dev.gate.scan.severity.SeverityRating;
import java.util.List;

/**
 * One vulnerability in one package. Advisories that are aliases of each other (a GHSA and its
 * PYSEC twin, a DEBIAN-CVE and its CVE) make one finding; the other ids are in {@code aliases}.
 *
 * @param ecosystem the OSV ecosystem the match was made in ({@code Debian:12}, {@code PyPI})
 * @param matchedName the name the advisory lists (the source package for Debian and Alpine)
 * @param published   when the advisory was published (RFC 3339), or null
 */
public record Finding(
        String id,
        List<String> aliases,
        SeverityRating rating,
        String summary,
        Package pkg,
        String ecosystem,
        String matchedName,
        String installedVersion,
        List<String> fixedVersions,
        String published) {

    public Finding {
        aliases = List.copyOf(aliases);
        fixedVersions = List.copyOf(fixedVersions);
    }

    public boolean fixAvailable() {
        return !fixedVersions.isEmpty();
    }

    /** When the fix was made public: the advisory's publication, if a fix is listed at all. */
    public String fixPublished() {
        return fixAvailable() ? published : null;
    }
}
