package dev.gate.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages of the pipeline depend one way: from the entry ({@code Gate}) through the steps of a run down to the
 * analysis of an image, never back. A class that names one of another package (an import or a qualified name) makes its
 * package depend on that one; the test fails on any path that leads a package back to itself.
 */
class PackageCyclesTest {

    private static final Path SOURCES = Path.of(System.getProperty("user.dir"), "src/main/java");
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern NAMED = Pattern.compile("\\b(dev\\.gate\\.pipeline(?:\\.[a-z]\\w*)*)\\.[A-Z]");

    @Test
    void noPackageOfThePipelineDependsBackOnOneThatDependsOnIt() throws IOException {
        Map<String, Set<String>> uses = dependencies();
        assertTrue(
                uses.keySet()
                        .containsAll(List.of(
                                "dev.gate.pipeline", "dev.gate.pipeline.recheck", "dev.gate.pipeline.analysis")),
                "the packages were read: " + uses.keySet());
        List<String> cycles = new ArrayList<>();
        for (String start : uses.keySet()) {
            path(start, start, uses, new ArrayList<>(List.of(start)), new TreeSet<>(), cycles);
        }
        assertEquals(List.of(), cycles);
    }

    @Test
    void aCycleIsFound() {
        Map<String, Set<String>> uses = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"));
        List<String> cycles = new ArrayList<>();
        path("a", "a", uses, new ArrayList<>(List.of("a")), new TreeSet<>(), cycles);
        assertEquals(List.of("a -> b -> c -> a"), cycles);
    }

    /** Depth first from {@code at}: every path back to {@code start}, each package visited once. */
    private static void path(
            String start,
            String at,
            Map<String, Set<String>> uses,
            List<String> trail,
            Set<String> seen,
            List<String> cycles) {
        for (String next : uses.getOrDefault(at, Set.of())) {
            if (next.equals(start)) {
                cycles.add(String.join(" -> ", trail) + " -> " + start);
            } else if (seen.add(next)) {
                trail.add(next);
                path(start, next, uses, trail, seen, cycles);
                trail.remove(trail.size() - 1);
            }
        }
    }

    private static Map<String, Set<String>> dependencies() throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(SOURCES.resolve("dev/gate/pipeline"))) {
            files = walk.filter(p -> p.toString().endsWith(".java")).toList();
        }
        for (Path file : files) {
            String source = Files.readString(file);
            Matcher declared = PACKAGE.matcher(source);
            assertTrue(declared.find(), file + " declares its package");
            Set<String> used = uses.computeIfAbsent(declared.group(1), p -> new TreeSet<>());
            Matcher named = NAMED.matcher(source);
            while (named.find()) {
                if (!named.group(1).equals(declared.group(1))) {
                    used.add(named.group(1));
                }
            }
        }
        return uses;
    }
}
