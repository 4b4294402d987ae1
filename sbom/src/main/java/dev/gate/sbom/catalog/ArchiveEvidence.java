package dev.gate.sbom.catalog;

import java.util.List;
import java.util.Map;

/**
 * What one Java archive says about itself, kept in place of its bytes: the Maven coordinates of every
 * {@code pom.properties} in it, the manifest attributes that can name it, where its classes live, and its
 * checksums. {@link JavaIdentifier} turns this into coordinates once every archive of the image is known.
 *
 * @param path         as nested paths are written: {@code /app/app.jar:BOOT-INF/lib/x.jar}
 * @param sha1         hex, or null when the archive was not read to its end
 * @param sha256       hex, or null when the archive was not read to its end
 * @param poms         coordinates from {@code META-INF/maven/**\/pom.properties} (or a {@code pom.xml} where that is
 *                     missing), any field null when absent
 * @param manifest     the naming attributes of the main section of {@code MANIFEST.MF} (see {@link #MANIFEST_NAMES})
 * @param classPrefix  the package all of the archive's classes share ({@code org.springframework}), or null
 * @param classCount   how many classes the archive holds, nested archives not counted
 */
record ArchiveEvidence(
        String path,
        String sha1,
        String sha256,
        List<MavenCoordinates> poms,
        Map<String, String> manifest,
        String classPrefix,
        int classCount) {

    /** The manifest attributes read for identification, in the order of their strength. */
    static final List<String> MANIFEST_NAMES = List.of(
            "Implementation-Vendor-Id",
            "Implementation-Title",
            "Implementation-Version",
            "Specification-Title",
            "Specification-Version",
            "Bundle-SymbolicName",
            "Bundle-Name",
            "Bundle-Version",
            "Automatic-Module-Name");

    ArchiveEvidence {
        poms = List.copyOf(poms);
        manifest = Map.copyOf(manifest);
    }

    String manifestValue(String name) {
        String value = manifest.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The archive's file name without folders, parent archives or extension: {@code spring-core-6.1.14}. */
    String fileStem() {
        String name = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf(':')) + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
