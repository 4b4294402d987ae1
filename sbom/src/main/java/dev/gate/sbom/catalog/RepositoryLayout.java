package dev.gate.sbom.catalog;

import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Coordinates written in a jar's path by the tools that store jars by them: a Maven repository
 * ({@code .../repository/org/springframework/spring-core/6.1.14/spring-core-6.1.14.jar}) or Gradle's cache
 * ({@code .../files-2.1/org.springframework/spring-core/6.1.14/<sha1>/spring-core-6.1.14.jar}). The file name
 * must repeat the artifact and version the folders give, so a stray jar in such a folder is not named by it.
 */
final class RepositoryLayout {

    private static final Pattern HEX_SHA1 = Pattern.compile("[0-9a-f]{30,40}");
    private static final Pattern GROUP_SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

    private RepositoryLayout() {}

    /** The coordinates, or null when the path is not in such a layout. Nested archives never are. */
    static MavenCoordinates of(String path) {
        if (path.contains(":")) {
            return null;
        }
        String[] parts = path.split("/");
        int n = parts.length;
        if (n >= 6
                && parts[n - 6].equals("files-2.1")
                && HEX_SHA1.matcher(parts[n - 2]).matches()) {
            return checked(parts[n - 5], parts[n - 4], parts[n - 3], parts[n - 1]);
        }
        for (int r = n - 5; r >= 0; r--) {
            if (parts[r].equals("repository")) {
                String group = String.join(".", Arrays.copyOfRange(parts, r + 1, n - 3));
                return checked(group, parts[n - 3], parts[n - 2], parts[n - 1]);
            }
        }
        return null;
    }

    private static MavenCoordinates checked(String group, String artifact, String version, String file) {
        boolean named =
                file.startsWith(artifact + "-" + version + ".") || file.startsWith(artifact + "-" + version + "-");
        boolean groupShape = Arrays.stream(group.split("\\."))
                .allMatch(s -> GROUP_SEGMENT.matcher(s).matches());
        return named && groupShape && !group.isEmpty() ? new MavenCoordinates(group, artifact, version) : null;
    }
}
