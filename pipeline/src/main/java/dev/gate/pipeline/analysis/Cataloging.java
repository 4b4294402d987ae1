package dev.gate.pipeline.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.errors.GateException;
import dev.gate.sbom.Package;
import dev.gate.sbom.Sbom;
import dev.gate.sbom.SbomGenerator;
import dev.gate.sbom.format.CycloneDxWriter;
import dev.gate.scan.ScanResult;
import dev.gate.scan.Scanner;
import dev.gate.scan.report.JsonReport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Steps 2 and 3 of the pipeline: an SBOM of every platform image, then a scan of its packages. */
public final class Cataloging {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Cataloging() {}

    /** {@code database} null skips the scan; {@code catalogTimeout} bounds the cataloging of each platform image. */
    public static List<ImageFacts> run(
            List<PlatformImage> images,
            String imageName,
            Path database,
            Duration catalogTimeout,
            JavaIndexes java,
            StepTimes times) {
        List<ImageFacts> facts = new ArrayList<>();
        List<Sbom> sboms = new ArrayList<>();
        try (JavaIndexes.Opened javaIndex = java.open()) {
            SbomGenerator generator = SbomGenerator.standard(catalogTimeout, javaIndex.index());
            times.time("sbom", () -> images.forEach(p -> sboms.add(generator.generate(imageName, p.image()))));
        }
        List<ScanResult> scans = new ArrayList<>();
        if (database != null) {
            times.time("scan", () -> {
                try (Scanner scanner = Scanner.open(database)) {
                    sboms.forEach(s -> scans.add(scanner.scan(s.packages(), s.os())));
                }
            });
        }
        for (int i = 0; i < images.size(); i++) {
            Sbom sbom = sboms.get(i);
            String text = CycloneDxWriter.reproducible(GateVersion.current()).write(sbom);
            JsonNode bom = parse(text);
            ScanResult scan = database == null ? null : scans.get(i);
            facts.add(new ImageFacts(
                    images.get(i),
                    text,
                    bom,
                    sbom.packages().size(),
                    perEcosystem(sbom),
                    scan,
                    scan == null ? null : JsonReport.document(scan)));
        }
        return facts;
    }

    private static Map<String, Integer> perEcosystem(Sbom sbom) {
        Map<String, Integer> counts = new TreeMap<>();
        for (Package p : sbom.packages()) {
            counts.merge(p.ecosystem(), 1, Integer::sum);
        }
        return counts;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new GateException(
                    GateException.Kind.OPERATIONAL, "the SBOM writer produced invalid JSON: " + e.getMessage(), e);
        }
    }
}
