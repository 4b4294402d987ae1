package dev.gate.scan.version;

import java.util.Map;
import java.util.Set;

/**
 * Vector lines this code answers differently from the shared file, with the reason. The shared
 * README names these families: Alpine lines where apk-tools v2 and v3 differ. {@link AlpineVersion}
 * follows apk-tools 2.x, the apk every Alpine 3.x release that OSV covers ships, while those lines
 * record the newer apk's answer; all are strings apk itself calls invalid (a letter right after a
 * dot, upper-case letters, "-r" not followed by a number).
 *
 * <p>Maven: the file's answers come from an older ComparableVersion; {@link MavenVersion} follows
 * maven-artifact 3.9, which {@code MavenReferenceTest} checks it against. 3.9 puts a qualifier that
 * follows a dot into its own list when it ends the version or runs into a number
 * ({@code 6.1.12.rc5} is {@code 6.1.12-rc-5}), and compares every item of a list against "nothing"
 * (MNG-6964), so {@code 1-ga-1 < 1-1}.
 */
final class KnownDisagreements {

    private static final Map<String, Set<String>> BY_FILE = Map.of(
            "alpine-versions.txt",
                    Set.of(
                            "1-r-0 < 1-r0",
                            "1-r-1 < 1-r0",
                            "0.r1 < 0r2",
                            "0.8.21.r2 < 0.8.21r2",
                            "1.2.0A < 1.2.0d",
                            "1.2.0D < 1.2.0d",
                            "1 > 1-ruff",
                            "1-ruff2 = 1--ruff1"),
            "maven-versions.txt", Set.of("1-1 = 1-ga-1"),
            "maven-versions-generated.txt",
                    Set.of(
                            "1.0.0-RC16 < 1.0.0.RC8-beta",
                            "1.0.0-gradle-rework-beta3 < 1.0.0.RC7-3",
                            "2.9.0-1 < 2.9.0.RC1",
                            "6.1.12.rc5 < 6.1.12rc1",
                            "1.1.31.sec10 < 1.1.31_noneautotype",
                            "1.1.34.sec10 < 1.1.34_noneautotype",
                            "1.1.46.sec10 < 1.1.46_noneautotype",
                            "1.2.8.sec10_noneautotype < 1.2.8_noneautotype",
                            "1.2.31.sec10 < 1.2.31_noneautotype",
                            "1.2.48.sec10 < 1.2.48_noneautotype",
                            "1.2.50.sec10 < 1.2.50_noneautotype",
                            "1.2.54.sec10 < 1.2.54_noneautotype",
                            "1.2.57.sec10 < 1.2.57_noneautotype",
                            "1.2.60.sec10 < 1.2.60_noneautotype",
                            "1.2.67.sec10 < 1.2.67_noneautotype",
                            "1.0.0rc0 < 1.0.beta8",
                            "1.5.9.RC1 < 1.5.9-RC0",
                            "1.1.0-01-glassfish < 1.1.0.Beta1"));

    private KnownDisagreements() {}

    static Set<String> forFile(String file) {
        return BY_FILE.getOrDefault(file, Set.of());
    }
}
