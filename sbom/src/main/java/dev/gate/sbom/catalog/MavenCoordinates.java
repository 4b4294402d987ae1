package dev.gate.sbom.catalog;

/** groupId, artifactId and version as Maven Central knows an artifact; any of them null when a source did not say. */
public record MavenCoordinates(String group, String artifact, String version) {

    public boolean complete() {
        return present(group) && present(artifact) && present(version);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    @Override
    public String toString() {
        return group + ":" + artifact + ":" + version;
    }
}
