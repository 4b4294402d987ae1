package dev.gate.scan.version;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gate.scan.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every line of ../shared/versions must hold, except the disagreements its README names. Each of
 * those is listed in {@link KnownDisagreements} with the reason, and must really disagree (so the
 * list cannot hide a regression that starts to agree by accident or to disagree elsewhere).
 */
class VersionVectorsTest {

    static Stream<Arguments> files() {
        return Stream.of(
                Arguments.of("debian-versions.txt", new DebianVersion()),
                Arguments.of("debian-versions-generated.txt", new DebianVersion()),
                Arguments.of("alpine-versions.txt", new AlpineVersion()),
                Arguments.of("alpine-versions-generated.txt", new AlpineVersion()),
                Arguments.of("maven-versions.txt", new MavenVersion()),
                Arguments.of("maven-versions-generated.txt", new MavenVersion()),
                Arguments.of("pypi-versions.txt", new PypiVersion()),
                Arguments.of("pypi-versions-generated.txt", new PypiVersion()),
                Arguments.of("redhat-versions.txt", new RpmVersion()),
                Arguments.of("semver-versions.txt", new SemverVersion()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void everyLineHolds(String file, VersionOrdering ordering) throws IOException {
        List<String> lines = Files.readAllLines(SharedData.path("versions").resolve(file));
        Set<String> known = KnownDisagreements.forFile(file);
        List<String> failures = new ArrayList<>();
        List<String> unexpectedlyAgreeing = new ArrayList<>();
        int checked = 0;
        for (String raw : lines) {
            String line = raw.trim();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("//")) {
                continue;
            }
            boolean holds = holds(ordering, line);
            checked++;
            if (!holds && !known.contains(line)) {
                failures.add(line);
            } else if (holds && known.contains(line)) {
                unexpectedlyAgreeing.add(line);
            }
        }
        assertEquals(List.of(), failures, file + ": " + failures.size() + " of " + checked + " lines fail");
        assertEquals(List.of(), unexpectedlyAgreeing, file + ": listed as disagreements but now agree");
    }

    static boolean holds(VersionOrdering ordering, String line) {
        String[] parts = line.split("\\s+");
        if (parts.length != 3) {
            throw new IllegalArgumentException("bad vector line: " + line);
        }
        try {
            int forward = Integer.signum(ordering.compare(parts[0], parts[2]));
            int backward = Integer.signum(ordering.compare(parts[2], parts[0]));
            int expected = switch (parts[1]) {
                case "<" -> -1;
                case ">" -> 1;
                case "=" -> 0;
                default -> throw new IllegalArgumentException("bad operator: " + line);
            };
            return forward == expected && backward == -expected;
        } catch (InvalidVersionException e) {
            return false;
        }
    }
}
