package dev.gate.sbom.catalog;

import java.util.Optional;
import java.util.Set;

/**
 * Maven Central's artifacts by checksum: the exact coordinates of a jar that carries none, or carries them
 * only in part (a Gradle- or Ant-built jar has no pom.properties).
 */
public interface JavaIndex {

    /** An index that knows nothing: identification falls back on what the archives say. */
    JavaIndex NONE = new JavaIndex() {
        @Override
        public Optional<MavenCoordinates> bySha1(String sha1) {
            return Optional.empty();
        }

        @Override
        public Set<String> groupsOf(String artifact, String version) {
            return Set.of();
        }
    };

    /** The artifact whose file has this SHA-1 (lower-case hex). */
    Optional<MavenCoordinates> bySha1(String sha1);

    /** The groups that publish {@code artifact} at {@code version}; several when the name alone is ambiguous. */
    Set<String> groupsOf(String artifact, String version);

    /** The first answer of {@code indexes}, asked in order: a local index before a service. */
    static JavaIndex firstOf(JavaIndex... indexes) {
        return new JavaIndex() {
            @Override
            public Optional<MavenCoordinates> bySha1(String sha1) {
                for (JavaIndex index : indexes) {
                    Optional<MavenCoordinates> found = index.bySha1(sha1);
                    if (found.isPresent()) {
                        return found;
                    }
                }
                return Optional.empty();
            }

            @Override
            public Set<String> groupsOf(String artifact, String version) {
                for (JavaIndex index : indexes) {
                    Set<String> groups = index.groupsOf(artifact, version);
                    if (!groups.isEmpty()) {
                        return groups;
                    }
                }
                return Set.of();
            }
        };
    }
}
