package dev.gate.scan.version;

import java.util.Map;
import java.util.Set;

/**
 * Vector lines this code answers differently from the shared file, with the reason. The shared
 * README names these families: Alpine lines where apk-tools v2 and v3 differ. {@link AlpineVersion}
 * follows apk-tools 2.x, the apk every Alpine 3.x release that OSV covers ships, while those lines
 * record the newer apk's answer; all are strings apk itself calls invalid (a letter right after a
 * dot, upper-case letters, "-r" not followed by a number).
 */
final class KnownDisagreements {

    private static final Map<String, Set<String>> BY_FILE = Map.of(
            "alpine-versions.txt", Set.of(
                    "1-r-0 < 1-r0",
                    "1-r-1 < 1-r0",
                    "0.r1 < 0r2",
                    "0.8.21.r2 < 0.8.21r2",
                    "1.2.0A < 1.2.0d",
                    "1.2.0D < 1.2.0d",
                    "1 > 1-ruff",
                    "1-ruff2 = 1--ruff1"));

    private KnownDisagreements() {
    }

    static Set<String> forFile(String file) {
        return BY_FILE.getOrDefault(file, Set.of());
    }
}
