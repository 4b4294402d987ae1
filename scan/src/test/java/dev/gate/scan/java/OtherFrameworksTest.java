package dev.gate.scan.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.sbom.Package;
import dev.gate.sbom.Sbom;
import dev.gate.sbom.catalog.JavaIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Quarkus and Micronaut applications' runtime jars, resolved by Maven at test time, as jib-style layouts:
 * without a Java DB every jar is named exactly as {@code mvn dependency:list} names it, or is an unknown; never
 * a wrong or group-less purl.
 */
class OtherFrameworksTest {

    @ParameterizedTest
    @ValueSource(strings = {"quarkus.pom.xml", "micronaut.pom.xml"})
    void everyJarIsNamedExactlyOrUnknown(String pom) throws Exception {
        int exact = namedExactlyOrUnknown(pom, d -> "deployments/lib/" + d.fileName());
        assertTrue(exact > 0);
    }

    /**
     * Quarkus's fast-jar layout, as its container images hold it: {@code /deployments/lib/main/GROUP.ARTIFACT-VERSION.jar}.
     * The group in the name names the jars no pom.properties names (Gradle-built ones such as Micrometer's).
     */
    @Test
    void quarkusFastJarNamesGiveTheGroup() throws Exception {
        int plain = namedExactlyOrUnknown("quarkus.pom.xml", d -> "deployments/lib/" + d.fileName());
        int fastJar =
                namedExactlyOrUnknown("quarkus.pom.xml", d -> "deployments/lib/main/" + d.group() + "." + d.fileName());
        assertTrue(fastJar > plain, "the group-prefixed names identify more jars: " + fastJar + " against " + plain);
    }

    /** Catalogs the runtime jars of {@code pom}'s project at {@code place(d)}; fails on any wrong purl; returns how many are exact. */
    private static int namedExactlyOrUnknown(String pom, Function<MavenBuiltFixtures.Dependency, String> place)
            throws Exception {
        Path project = MavenBuiltFixtures.build(pom);
        Map<String, MavenBuiltFixtures.Dependency> truth = MavenBuiltFixtures.groundTruth(project);
        Map<String, byte[]> layout = new LinkedHashMap<>();
        for (Path jar : MavenBuiltFixtures.libs(project)) {
            layout.put(place.apply(truth.get(jar.getFileName().toString())), Files.readAllBytes(jar));
        }
        assertEquals(truth.size(), layout.size(), "dependency:list and the copied jars agree");
        Sbom sbom = JavaImages.catalog(layout, JavaIndex.NONE);
        List<String> wrong = new ArrayList<>();
        int exact = 0;
        for (MavenBuiltFixtures.Dependency d : truth.values()) {
            String path = "/" + place.apply(d);
            List<Package> found = sbom.packages().stream()
                    .filter(p -> p.paths().contains(path))
                    .toList();
            Package own = found.stream()
                    .filter(p -> !p.hashes().isEmpty())
                    .findFirst()
                    .orElse(null);
            if (own == null) {
                wrong.add(d.fileName() + ": not listed");
            } else if (own.purl() == null) {
                if (sbom.unknowns().stream().noneMatch(u -> u.path().equals(path))) {
                    wrong.add(d.fileName() + ": no purl and no unknown");
                }
            } else if (!own.purl().equals(d.purl())) {
                wrong.add(d.fileName() + ": " + own.purl() + " is not " + d.purl());
            } else {
                exact++;
            }
        }
        Map<String, Long> how = new java.util.TreeMap<>();
        sbom.packages()
                .forEach(p ->
                        how.merge(p.properties().getOrDefault("gate:java:identified-by", "unknown"), 1L, Long::sum));
        System.out.println(pom + " at " + place.apply(truth.values().iterator().next()) + ": " + exact + " of "
                + truth.size() + " jars named exactly without a Java DB, the rest unknown; " + how);
        assertEquals(List.of(), wrong);
        return exact;
    }
}
