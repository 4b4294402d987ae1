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
    record Identified(MavenCoordinates coordinates, String identifiedBy, boolean isArchive, String doubt) {}

    private final JavaIndex index;

    JavaIdentifier(JavaIndex index) {
        this.index = index;
    }

    List<Identified> identify(ArchiveEvidence archive) {
        List<MavenCoordinates> poms = archive.poms().stream()
                .filter(MavenCoordinates::complete)
                .distinct()
                .toList();
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
            boolean named = pom.artifact().equals(file[0]) || (file[0] != null && QuarkusLayout.names(file[0], pom));
            if (named && versionOfFile(file[1], pom.version())) {
                return pom;
            }
        }
        if (poms.size() == 1
                && (file[1] == null || versionOfFile(file[1], poms.get(0).version()))) {
            return poms.get(0);
        }
        return null;
    }

    private Identified withoutPom(ArchiveEvidence archive, String[] file) {
        String manifestVersion =
                first(archive.manifestValue("Implementation-Version"), archive.manifestValue("Bundle-Version"));
        String artifact;
        String version;
        String named;
        if (file[1] != null && (manifestVersion == null || versionOfFile(file[1], manifestVersion))) {
            artifact = file[0];
            version = manifestVersion != null && !sameVersion(file[1], manifestVersion) ? manifestVersion : file[1];
            named = manifestVersion == null ? "file name" : "file name, agreeing with the manifest's version";
        } else {
            artifact = first(
                    artifactLike(archive.manifestValue("Implementation-Title")),
                    artifactLike(archive.manifestValue("Bundle-Name")));
            version = manifestVersion;
            named = "manifest" + (file[1] == null ? "" : " (file name says version " + file[1] + ")");
        }
        if (artifact != null
                && version != null
                && artifact.equals(file[0])
                && artifact.contains(".")
                && QuarkusLayout.holds(archive.path())) {
            return fromQuarkusName(archive, artifact, version);
        }
        if (artifact == null || version == null) {
            return unidentified(
                    artifact == null ? file[0] : artifact,
                    version,
                    "no Maven coordinates: no pom.properties, and the file name and manifest do not give an artifact and version"
                            + manifestSummary(archive));
        }
        MavenCoordinates layout = RepositoryLayout.of(archive.path());
        if (layout != null
                && layout.artifact().equals(artifact)
                && layout.version().equals(version)) {
            return new Identified(layout, BY_FILENAME, true, null);
        }
        Set<String> indexed = index.groupsOf(artifact, version);
        if (indexed.size() == 1) {
            return new Identified(
                    new MavenCoordinates(indexed.iterator().next(), artifact, version), BY_FILENAME, true, null);
        }
        String vendor = archive.manifestValue("Implementation-Vendor-Id");
        String deeper = vendor == null ? null : moduleBelow(vendor, artifact, archive);
        if (vendor != null
                && GROUP_ID.matcher(vendor).matches()
                && agreesWithClasses(vendor, artifact, archive)
                && deeper == null) {
            return new Identified(new MavenCoordinates(vendor, artifact, version), BY_MANIFEST, true, null);
        }
        GroupFromPackages.Result packages =
                GroupFromPackages.of(artifact, archive.classPrefix(), archive.manifestValue("Automatic-Module-Name"));
        if (packages.group() != null) {
            return new Identified(new MavenCoordinates(packages.group(), artifact, version), BY_PACKAGE, true, null);
        }
        StringBuilder doubt = new StringBuilder("Maven group unknown for ")
                .append(artifact)
                .append(' ')
                .append(version)
                .append(" (from the ")
                .append(named)
                .append("): ")
                .append(packages.doubt());
        if (deeper != null) {
            doubt.append("; Implementation-Vendor-Id ")
                    .append(vendor)
                    .append(" may be a parent of the group (")
                    .append(deeper)
                    .append(')');
        } else if (vendor != null) {
            doubt.append("; Implementation-Vendor-Id ").append(vendor).append(" does not match the classes");
        }
        if (indexed.size() > 1) {
            doubt.append("; the Java index has it in ").append(indexed.size()).append(" groups");
        }
        doubt.append(manifestSummary(archive));
        return unidentified(artifact, version, doubt.toString());
    }

    /**
     * A jar named {@code GROUP.ARTIFACT-VERSION} by Quarkus: the reading that the Java index, the manifest's vendor id or
     * the classes' package agree with, or the only plausible one; several readings and nothing to choose between them
     * is an unknown.
     */
    private Identified fromQuarkusName(ArchiveEvidence archive, String name, String version) {
        List<MavenCoordinates> readings = QuarkusLayout.readings(name, version);
        List<MavenCoordinates> agreed =
                readings.stream().filter(r -> agrees(r, archive)).toList();
        if (agreed.size() == 1) {
            return new Identified(agreed.get(0), BY_FILENAME, true, null);
        }
        if (agreed.isEmpty() && readings.size() == 1) {
            return new Identified(readings.get(0), BY_FILENAME, true, null);
        }
        return unidentified(
                name,
                version,
                "Maven group unknown: the Quarkus file name " + name + " reads as "
                        + readings.stream()
                                .map(r -> r.group() + " / " + r.artifact())
                                .toList() + " and the evidence does not choose"
                        + manifestSummary(archive));
    }

    private boolean agrees(MavenCoordinates reading, ArchiveEvidence archive) {
        String group = reading.group();
        String classes = archive.classPrefix();
        return index.groupsOf(reading.artifact(), reading.version()).contains(group)
                || group.equals(archive.manifestValue("Implementation-Vendor-Id"))
                || (classes != null && (classes.equals(group) || classes.startsWith(group + ".")));
    }

    private static Identified unidentified(String artifact, String version, String doubt) {
        return new Identified(
                new MavenCoordinates(null, artifact, version), null, true, doubt + "; listed without a purl");
    }

    /**
     * The module name that goes on below the vendor id with more than the artifact's name, or null: Hibernate's
     * {@code org.hibernate.orm.core} (vendor id {@code org.hibernate}) is published under {@code org.hibernate.orm}, so
     * the vendor id names a parent of the group there, not the group.
     */
    private static String moduleBelow(String vendor, String artifact, ArchiveEvidence archive) {
        for (String name : List.of("Automatic-Module-Name", "Bundle-SymbolicName")) {
            String module = archive.manifestValue(name);
            if (module != null && module.startsWith(vendor + ".")) {
                String rest = module.substring(vendor.length() + 1);
                if (!rest.equals(artifact) && !rest.equals(artifact.replace('-', '.'))) {
                    return name + " " + module;
                }
            }
        }
        return null;
    }

    /**
     * A vendor id names the group of classes in its own package, or one level below it that names the artifact
     * ({@code org.yaml.snakeyaml} for snakeyaml under {@code org.yaml}); classes elsewhere are a vendor's other project,
     * and classes deeper may be published under a deeper group ({@code org.hibernate.annotations.common}: hibernate's
     * commons-annotations is {@code org.hibernate.common}'s).
     */
    private static boolean agreesWithClasses(String vendor, String artifact, ArchiveEvidence archive) {
        String classPrefix = archive.classPrefix();
        if (archive.classCount() == 0) {
            return true; // resources only: nothing the vendor id could disagree with
        }
        if (classPrefix == null || !classPrefix.startsWith(vendor)) {
            return false;
        }
        String below = classPrefix.substring(vendor.length());
        String firstWord = artifact.toLowerCase(java.util.Locale.ROOT).split("[-_.]")[0];
        return below.isEmpty()
                || (below.startsWith(".")
                        && below.indexOf('.', 1) < 0
                        && GroupFromPackages.names(below.substring(1), firstWord));
    }

    private static String manifestSummary(ArchiveEvidence archive) {
        StringBuilder out = new StringBuilder();
        for (String name : List.of("Implementation-Title", "Bundle-SymbolicName", "Automatic-Module-Name")) {
            String value = archive.manifestValue(name);
            if (value != null) {
                out.append(out.length() == 0 ? "; manifest " : ", ")
                        .append(name)
                        .append('=')
                        .append(value);
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
