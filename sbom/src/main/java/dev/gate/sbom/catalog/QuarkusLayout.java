package dev.gate.sbom.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Quarkus's fast-jar layout ({@code quarkus-app/lib/main/}, {@code lib/boot/}, and {@code /deployments/lib/main/} in
 * its container images) names each runtime jar {@code GROUP.ARTIFACT-VERSION.jar} from the coordinates it resolved:
 * {@code io.micrometer.micrometer-core-1.12.5.jar}. The group is in the name; only where it ends is not. A split is
 * plausible when the artifact part has no dot, or starts with the group's first segment as dotted artifact ids do
 * ({@code jakarta.annotation.jakarta.annotation-api}: {@code jakarta.annotation} / {@code jakarta.annotation-api}).
 */
final class QuarkusLayout {

    private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");
    private static final Pattern ARTIFACT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");

    private QuarkusLayout() {}

    /** Whether the archive at {@code path} lies where Quarkus puts its group-prefixed jars. */
    static boolean holds(String path) {
        if (path.contains(":")) {
            return false;
        }
        String folder = path.substring(0, Math.max(path.lastIndexOf('/'), 0));
        return folder.endsWith("/lib/main") || folder.endsWith("/lib/boot");
    }

    /** The plausible {group, artifact} readings of the name part {@code GROUP.ARTIFACT}, with {@code version}. */
    static List<MavenCoordinates> readings(String name, String version) {
        List<MavenCoordinates> found = new ArrayList<>();
        for (int dot = name.indexOf('.'); dot > 0; dot = name.indexOf('.', dot + 1)) {
            String group = name.substring(0, dot);
            String artifact = name.substring(dot + 1);
            String firstSegment = group.split("\\.")[0];
            boolean plausible = !artifact.contains(".") || artifact.startsWith(firstSegment + ".");
            if (plausible
                    && GROUP.matcher(group).matches()
                    && ARTIFACT.matcher(artifact).matches()) {
                found.add(new MavenCoordinates(group, artifact, version));
            }
        }
        return found;
    }

    /** Whether the name is {@code GROUP.ARTIFACT} of {@code pom}, as Quarkus writes it. */
    static boolean names(String name, MavenCoordinates pom) {
        return name.equals(pom.group() + "." + pom.artifact());
    }
}
