package dev.gate.sbom.catalog;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The Maven group a jar's classes point at, accepted only when nothing points elsewhere. The package all
 * classes share must reach a segment that names the artifact's first word ({@code springframework} for
 * {@code spring-core}) and end there: {@code org.springframework} for {@code spring-core}, whose classes
 * span {@code org.springframework.core}, {@code .asm}, {@code .cglib}. Classes that all sit deeper
 * ({@code org.springframework.beans} for {@code spring-beans}) could belong to a group that goes deeper too
 * ({@code org.springframework.boot} publishes {@code spring-boot} from {@code org.springframework.boot}), so
 * that is a doubt, and a doubt is an unknown, never a guess. So is a module name that goes on below the group
 * ({@code org.hibernate.orm.core} for classes in {@code org.hibernate}: hibernate-core's group is
 * {@code org.hibernate.orm}; {@code io.micronaut.validation}: Micronaut publishes modules under sub-groups).
 */
final class GroupFromPackages {

    private static final Pattern GROUP_SEGMENT = Pattern.compile("[a-z][a-z0-9_]*");

    /** The group, or null with {@link #doubt} saying why not. */
    record Result(String group, String doubt) {}

    private GroupFromPackages() {}

    static Result of(String artifact, String classPrefix, String automaticModuleName) {
        if (classPrefix == null) {
            return new Result(null, "no classes in a shared package");
        }
        List<String> words = Arrays.stream(artifact.toLowerCase(Locale.ROOT).split("[-_.]"))
                .filter(w -> !w.isEmpty())
                .toList();
        String[] segments = classPrefix.split("\\.");
        if (words.isEmpty()) {
            return new Result(null, "no artifact name");
        }
        int naming = -1;
        for (int i = 1; i < segments.length; i++) {
            if (names(segments[i], words.get(0))) {
                if (naming >= 0) {
                    return new Result(null, "classes under " + classPrefix + " name '" + words.get(0) + "' twice");
                }
                naming = i;
            }
        }
        if (naming < 0) {
            return new Result(null, "classes under " + classPrefix + " do not name '" + words.get(0) + "'");
        }
        String group = String.join(".", Arrays.copyOfRange(segments, 0, naming + 1));
        if (naming < segments.length - 1) {
            return new Result(null, "classes under " + classPrefix + ": the group is " + group + " or deeper");
        }
        if (words.size() == 1 && segments[naming].equals(words.get(0))) {
            return new Result(null, "classes under " + classPrefix + ": the group is " + group + " or its parent");
        }
        if (Arrays.stream(segments, 0, naming + 1)
                .anyMatch(s -> !GROUP_SEGMENT.matcher(s).matches())) {
            return new Result(null, "classes under " + classPrefix + " are not a group name");
        }
        if (automaticModuleName != null && automaticModuleName.startsWith(group + ".")) {
            // io.micronaut.validation for micronaut-validation: the group may be io.micronaut or
            // io.micronaut.validation
            return new Result(
                    null, "Automatic-Module-Name " + automaticModuleName + ": the group is " + group + " or deeper");
        }
        return new Result(group, null);
    }

    /** {@code springframework} names {@code spring}; {@code log4j} names {@code log4j}. */
    static boolean names(String segment, String word) {
        String s = segment.toLowerCase(Locale.ROOT);
        return s.equals(word) || (word.length() >= 4 && s.startsWith(word));
    }
}
