package dev.gate.sbom;

import java.util.List;
import java.util.Map;

/**
 * What gate found in an image.
 *
 * @param imageName    the reference or source the image was read from
 * @param imageDigest  the manifest digest
 * @param os           the distribution, or null when the image has no os-release
 * @param packages     in a stable order: ecosystem, name, version, first path
 * @param dependencies purl to the purls it depends on, where the metadata says
 * @param unknowns     files that could not be read, and what the squash skipped
 */
public record Sbom(
        String imageName,
        String imageDigest,
        OsRelease os,
        List<Package> packages,
        Map<String, List<String>> dependencies,
        List<Unknown> unknowns) {

    public Sbom {
        packages = List.copyOf(packages);
        // Sorted so the written SBOM does not depend on hash order.
        dependencies = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(dependencies));
        unknowns = List.copyOf(unknowns);
    }
}
