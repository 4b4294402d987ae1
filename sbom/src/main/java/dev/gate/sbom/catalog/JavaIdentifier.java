package dev.gate.sbom.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names a Java archive as Maven Central knows it, from the strongest evidence it has: its SHA-1 in the
 * index, a {@code pom.properties} that is its own, then the artifact and version its file name and manifest
 * agree on with a group from the path, the index, the manifest's vendor id or its classes' package. An
 * archive whose group cannot be established is returned with the evidence that was found and no group:
 * a Maven purl without a group matches no advisory, so it is never written.
 */
final class JavaIdentifier {

    static final String BY_POM = "pom-properties";
    static final String BY_MANIFEST = "manifest";
    static final String BY_SHA1 = "sha1-index";
    static final String BY_PACKAGE = "package-prefix";
    static final String BY_FILENAME = "filename";

    private static final Pattern NAME_VERSION = Pattern.compile("^(.+?)-(\\d[\\w.+-]*)$");
    private static final Pattern ARTIFACT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");
    private static final Pattern GROUP_ID = Pattern.compile("[a-z][a-z0-9_-]*(\\.[a-zA-Z0-9_-]+)+");

    /**
     * One component of an archive.
     *
     * @param coordinates  complete when identified; without a group otherwise
     * @param identifiedBy one of the {@code BY_} values, or null when not identified
     * @param isArchive    whether the component is the archive itself (its checksums are its own) rather than a
     *                     package shaded into it
     * @param doubt        for an unidentified archive, what was found and why it did not establish a group
     */
    record Identified(MavenCoordinates coordinates, String identifiedBy, boolean isArchive, String doubt) {
    }

    private final JavaIndex index;

    JavaIdentifier(JavaIndex index) {
        this.index = index;
    }

    List<Identified> identify(ArchiveEvidence archive) {
        List<MavenCoordinates> poms = archive.poms().stream().filter(MavenCoordinates::complete).distinct().toList();
        String[] file = nameAndVersion(archive.fileStem());
        List<Identified> found = new ArrayList<>();
        Optional<MavenCoordinates> indexed = archive.sha1() == null ? Optional.empty() : index.bySha1(archive.sha1());
        MavenCoordinates own = indexed.orElse(null);
        if (own != null) {
            found.add(new Identified(own, BY_SHA1, true, null));
        } else {
            own = ownPom(poms, file);
            if (own != null) {
                found.add(new Identified(own, BY_POM, true, null));
            }
        }
        for (MavenCoordinates pom : poms) {
            if (!pom.equals(own)) {
                found.add(new Identified(pom, BY_POM, false, null)); // shaded in, or the archive's own unrecognised
            }
        }
        if (found.isEmpty()) {
            found.add(withoutPom(archive, file));
        }
        return found;
    }

    /** The pom.properties that describes the archive itself, not one of the packages shaded into it. */
    private static MavenCoordinates ownPom(List<MavenCoordinates> poms, String[] file) {
        for (MavenCoordinates pom : poms) {
            if (file[0] != null && pom.artifact().equals(file[0]) && versionOfFile(file[1], pom.version())) {
                return pom;
            }
        }
        if (poms.size() == 1 && (file[1] == null || versionOfFile(file[1], poms.get(0).version()))) {
            return poms.get(0);
        }
        return null;
    }

    private Identified withoutPom(ArchiveEvidence archive, String[] file) {
        String manifestVersion = first(archive.manifestValue("Implementation-Version"), archive.manifestValue("Bundle-Version"));
        String artifact;
        String version;
        String named;
        if (file[1] != null && (manifestVersion == null || versionOfFile(file[1], manifestVersion))) {
            artifact = file[0];
            version = manifestVersion != null && !sameVersion(file[1], manifestVersion) ? manifestVersion : file[1];
            named = manifestVersion == null ? "file name" : "file name, agreeing with the manifest's version";
        } else {
            artifact = first(artifactLike(archive.manifestValue("Implementation-Title")), artifactLike(archive.manifestValue("Bundle-Name")));
            version = manifestVersion;
            named = "manifest" + (file[1] == null ? "" : " (file name says version " + file[1] + ")");
        }
        if (artifact == null || version == null) {
            return unidentified(artifact == null ? file[0] : artifact, version,
                    "no Maven coordinates: no pom.properties, and the file name and manifest do not give an artifact and version"
                    + manifestSummary(archive));
        }
        MavenCoordinates layout = RepositoryLayout.of(archive.path());
        if (layout != null && layout.artifact().equals(artifact) && layout.version().equals(version)) {
            return new Identified(layout, BY_FILENAME, true, null);
        }
        Set<String> indexed = index.groupsOf(artifact, version);
        if (indexed.size() == 1) {
            return new Identified(new MavenCoordinates(indexed.iterator().next(), artifact, version), BY_FILENAME, true, null);
        }
        String vendor = archive.manifestValue("Implementation-Vendor-Id");
        if (vendor != null && GROUP_ID.matcher(vendor).matches() && agreesWithClasses(vendor, archive.classPrefix())) {
            return new Identified(new MavenCoordinates(vendor, artifact, version), BY_MANIFEST, true, null);
        }
        GroupFromPackages.Result packages = GroupFromPackages.of(artifact, archive.classPrefix(), archive.manifestValue("Automatic-Module-Name"));
        if (packages.group() != null) {
            return new Identified(new MavenCoordinates(packages.group(), artifact, version), BY_PACKAGE, true, null);
        }
        StringBuilder doubt = new StringBuilder("Maven group unknown for ").append(artifact).append(' ').append(version)
                .append(" (from the ").append(named).append("): ").append(packages.doubt());
        if (vendor != null) {
            doubt.append("; Implementation-Vendor-Id ").append(vendor).append(" does not match the classes");
        }
        if (indexed.size() > 1) {
            doubt.append("; the Java index has it in ").append(indexed.size()).append(" groups");
        }
        doubt.append(manifestSummary(archive));
        return unidentified(artifact, version, doubt.toString());
    }

    private static Identified unidentified(String artifact, String version, String doubt) {
        return new Identified(new MavenCoordinates(null, artifact, version), null, true, doubt + "; listed without a purl");
    }

    /** A vendor id names the group of classes in its packages, not of classes elsewhere (a vendor's other project). */
    private static boolean agreesWithClasses(String vendor, String classPrefix) {
        return classPrefix == null || classPrefix.equals(vendor) || classPrefix.startsWith(vendor + ".");
    }

    private static String manifestSummary(ArchiveEvidence archive) {
        StringBuilder out = new StringBuilder();
        for (String name : List.of("Implementation-Title", "Bundle-SymbolicName", "Automatic-Module-Name")) {
            String value = archive.manifestValue(name);
            if (value != null) {
                out.append(out.length() == 0 ? "; manifest " : ", ").append(name).append('=').append(value);
            }
        }
        return out.toString();
    }

    /** {@code spring-core-6.1.14} is {spring-core, 6.1.14}; a name without a version is {name, null}. */
    static String[] nameAndVersion(String stem) {
        Matcher m = NAME_VERSION.matcher(stem);
        return m.matches() ? new String[] {m.group(1), m.group(2)} : new String[] {stem.isEmpty() ? null : stem, null};
    }

    /** The file's version part is {@code version}, or {@code version} and a classifier ({@code 4.1.110.Final-linux-x86_64}). */
    private static boolean versionOfFile(String fileVersion, String version) {
        return fileVersion != null && (sameVersion(fileVersion, version) || fileVersion.startsWith(version + "-"));
    }

    /** OSGi writes {@code 1.0.0.RELEASE} where Maven has {@code 1.0.0-RELEASE}. */
    private static boolean sameVersion(String a, String b) {
        return a.equals(b) || a.replace('-', '.').equals(b.replace('-', '.'));
    }

    private static String artifactLike(String value) {
        return value != null && ARTIFACT_ID.matcher(value).matches() ? value : null;
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }
}
