package dev.gate.pipeline.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gate.scan.ScanResult;

/**
 * What the gate learned about one platform image: its CycloneDX SBOM (the exact text that is
 * attested and attached) and, unless scanning was skipped, the scan and its JSON report.
 *
 * @param scan       null when the scan was skipped
 * @param scanReport the {@code JsonReport} document of the scan, null when skipped
 */
public record ImageFacts(
        PlatformImage image,
        String sbomJson,
        JsonNode sbom,
        int packages,
        java.util.Map<String, Integer> packagesPerEcosystem,
        ScanResult scan,
        JsonNode scanReport) {}
