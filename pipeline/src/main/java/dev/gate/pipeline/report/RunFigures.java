package dev.gate.pipeline.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gate.pipeline.GateRun;
import dev.gate.pipeline.analysis.ImageFacts;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Counts every report shows: packages per ecosystem, findings per severity. */
final class RunFigures {

    static final String[] SEVERITIES = {"critical", "high", "medium", "low", "unknown"};

    private RunFigures() {}

    static Map<String, Integer> packagesPerEcosystem(GateRun run) {
        Map<String, Integer> counts = new TreeMap<>();
        for (ImageFacts f : run.facts()) {
            f.packagesPerEcosystem().forEach((k, v) -> counts.merge(k, v, Integer::sum));
        }
        return counts;
    }

    static int packages(GateRun run) {
        return run.facts().stream().mapToInt(ImageFacts::packages).sum();
    }

    /** From the input document, so the figures are the ones the policies saw. */
    static Map<String, Long> findings(GateRun run) {
        Map<String, Long> counts = new LinkedHashMap<>();
        JsonNode summary = run.input().path("scan").path("summary");
        for (String s : SEVERITIES) {
            counts.put(s, summary.path(s).asLong());
        }
        return counts;
    }

    static boolean scanned(GateRun run) {
        return !run.input().path("scan").path("skipped").asBoolean(false);
    }

    static String verdict(GateRun run) {
        if (run.decision() == null) {
            return "not evaluated (--sbom-only)";
        }
        int warnings = run.decision().warnings().size();
        return (run.allowed() ? "ALLOWED" : "DENIED")
                + (warnings == 0 ? "" : " (" + warnings + " warning" + (warnings == 1 ? "" : "s") + ")");
    }
}
