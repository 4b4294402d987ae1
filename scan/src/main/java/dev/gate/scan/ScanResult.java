package dev.gate.scan;

import dev.gate.scan.db.DbInfo;
import dev.gate.scan.severity.Severity;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one scan: findings sorted most severe first, counts per severity, and the
 * warnings the run collected (unsupported ecosystems, unparseable versions), each said once.
 */
public record ScanResult(
        List<Finding> findings,
        Map<Severity, Long> summary,
        List<String> warnings,
        int packagesScanned,
        DbInfo database) {

    public ScanResult {
        findings = List.copyOf(findings);
        warnings = List.copyOf(warnings);
        EnumMap<Severity, Long> counts = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            counts.put(s, summary.getOrDefault(s, 0L));
        }
        summary = Map.copyOf(counts);
    }

    public static Map<Severity, Long> count(List<Finding> findings) {
        Map<Severity, Long> counts = new EnumMap<>(Severity.class);
        for (Finding f : findings) {
            counts.merge(f.rating().severity(), 1L, Long::sum);
        }
        return counts;
    }

    public long count(Severity severity) {
        return summary.get(severity);
    }
}
