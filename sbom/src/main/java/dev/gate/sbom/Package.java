package dev.gate.sbom;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One package found in an image. Scanners match distribution packages on their source package
 * ({@code libssl3} is built from {@code openssl}), so the source name and version are kept.
 *
 * @param ecosystem     the purl type: deb, apk, rpm, maven, npm, pypi, golang
 * @param group         Maven groupId or npm scope; null elsewhere
 * @param version       null only for a package that could not be identified
 * @param purl          the package URL as syft and trivy write it; null for a package that could not be
 *                      identified well enough to name it (a Java archive of unknown group)
 * @param sourceName    the distribution source package, or null when it equals {@code name}
 * @param sourceVersion the source package's version, or null when it equals {@code version}
 * @param layer         digest of the layer the package's metadata came from
 * @param paths         where in the image the package was found
 * @param hashes        checksums of the file the package is, by CycloneDX algorithm name ({@code SHA-1})
 * @param properties    further facts as {@code gate:} properties ({@code gate:java:identified-by})
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
        List<String> paths,
        Map<String, String> hashes,
        Map<String, String> properties) {

    public Package {
        licenses = licenses == null ? List.of() : List.copyOf(licenses);
        paths = paths == null ? List.of() : List.copyOf(paths);
        hashes = hashes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(hashes));
        properties = properties == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    public Package(
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
        this(
                ecosystem,
                group,
                name,
                version,
                purl,
                sourceName,
                sourceVersion,
                licenses,
                layer,
                paths,
                Map.of(),
                Map.of());
    }
}
