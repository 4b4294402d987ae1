package dev.gate.sbom;

import java.util.List;

/**
 * One package found in an image. Scanners match distribution packages on their source package
 * ({@code libssl3} is built from {@code openssl}), so the source name and version are kept.
 *
 * @param ecosystem     the purl type: deb, apk, rpm, maven, npm, pypi, golang
 * @param group         Maven groupId or npm scope; null elsewhere
 * @param purl          the package URL as syft and trivy write it
 * @param sourceName    the distribution source package, or null when it equals {@code name}
 * @param sourceVersion the source package's version, or null when it equals {@code version}
 * @param layer         digest of the layer the package's metadata came from
 * @param paths         where in the image the package was found
 */
public record Package(
        String ecosystem,
        String group,
        String name,
        String version,
        String purl,
        String sourceName,
        String sourceVersion,
        List<String> licenses,
        String layer,
        List<String> paths) {

    public Package {
        licenses = licenses == null ? List.of() : List.copyOf(licenses);
        paths = paths == null ? List.of() : List.copyOf(paths);
    }
}
