package dev.gate.scan.match;

import dev.gate.sbom.Package;
import java.util.List;

/**
 * What to look up for one package: the OSV ecosystem string ({@code Debian:12}), the names it may
 * be listed under (normalized) and the version to evaluate.
 */
public record PackageQuery(Package pkg, String ecosystem, List<String> names, String version) {

    public PackageQuery {
        names = List.copyOf(names);
    }
}
