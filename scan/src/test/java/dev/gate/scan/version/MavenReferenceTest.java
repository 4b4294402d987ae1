package dev.gate.scan.version;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gate.scan.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.maven.artifact.versioning.ComparableVersion;
import org.junit.jupiter.api.Test;

/**
 * {@link MavenVersion} against Maven's own ComparableVersion (maven-artifact 3.9.9, test scope):
 * every pair of the shared vectors and a few hundred thousand generated pairs built from the
 * tokens that make Maven's order tricky (qualifier aliases, leading zeros, separators).
 */
class MavenReferenceTest {

    private static final String[] TOKENS = {
        "0",
        "1",
        "2",
        "10",
        "01",
        "00",
        "alpha",
        "a",
        "b",
        "m",
        "rc",
        "cr",
        "sp",
        "ga",
        "final",
        "release",
        "snapshot",
        "x",
        "foo",
        "Beta",
        "RC",
        "milestone",
        "pre"
    };
    private static final String[] SEPARATORS = {".", "-", "", "_"};

    private final MavenVersion mine = new MavenVersion();

    private static int reference(String a, String b) {
        return Integer.signum(new ComparableVersion(a).compareTo(new ComparableVersion(b)));
    }

    @Test
    void agreesOnEverySharedVectorPair() throws IOException {
        List<String> differ = new ArrayList<>();
        for (String file : List.of("maven-versions.txt", "maven-versions-generated.txt")) {
            for (String raw : Files.readAllLines(SharedData.path("versions").resolve(file))) {
                String line = raw.trim();
                if (line.isEmpty() || line.startsWith("#") || line.startsWith("//")) {
                    continue;
                }
                String[] p = line.split("\\s+");
                if (reference(p[0], p[2]) != Integer.signum(mine.compare(p[0], p[2]))) {
                    differ.add(line);
                }
            }
        }
        assertEquals(List.of(), differ);
    }

    @Test
    void agreesOnGeneratedPairs() {
        Random random = new Random(7);
        List<String> differ = new ArrayList<>();
        for (int i = 0; i < 200_000 && differ.size() < 20; i++) {
            String a = generate(random);
            String b = generate(random);
            if (reference(a, b) != Integer.signum(mine.compare(a, b))) {
                differ.add(a + " vs " + b);
            }
        }
        assertEquals(List.of(), differ);
    }

    private static String generate(Random random) {
        StringBuilder version = new StringBuilder(TOKENS[random.nextInt(4)]);
        int parts = random.nextInt(5);
        for (int i = 0; i < parts; i++) {
            version.append(SEPARATORS[random.nextInt(SEPARATORS.length)]).append(TOKENS[random.nextInt(TOKENS.length)]);
        }
        return version.toString();
    }
}
