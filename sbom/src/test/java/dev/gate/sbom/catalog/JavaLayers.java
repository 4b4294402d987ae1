package dev.gate.sbom.catalog;

import dev.gate.image.Layer;
import dev.gate.image.fs.TestLayers;
import dev.gate.sbom.Package;
import dev.gate.sbom.Sbom;
import dev.gate.sbom.SbomGenerator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Images of one layer holding the given files, cataloged as gate sbom does. */
final class JavaLayers {

    private JavaLayers() {}

    static Sbom catalog(Map<String, byte[]> files, JavaIndex index) {
        return SbomGenerator.standard(Duration.ofMinutes(1), index)
                .generate("fixture", "sha256:" + "0".repeat(64), List.of(layer(files)));
    }

    static Layer layer(Map<String, byte[]> files) {
        TestLayers layers = new TestLayers();
        new TreeMap<>(files).forEach((name, content) -> layers.file(name, content, 0644));
        return layers.layer();
    }

    static Package at(Sbom sbom, String path) {
        List<Package> found =
                sbom.packages().stream().filter(p -> p.paths().contains(path)).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one package at " + path + " but found " + found);
        }
        return found.get(0);
    }

    /** The promise of issue #22: a Maven purl always has its group. */
    static void noGrouplessPurl(Sbom sbom) {
        for (Package p : sbom.packages()) {
            if (p.purl() != null
                    && p.purl().startsWith("pkg:maven/")
                    && p.purl().substring(10).indexOf('/') < 0) {
                throw new AssertionError("Maven purl without a group: " + p.purl());
            }
        }
    }
}
