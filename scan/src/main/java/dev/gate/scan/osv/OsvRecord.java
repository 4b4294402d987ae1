package dev.gate.scan.osv;

import java.util.List;

/**
 * The parts of an OSV record the scanner uses. {@code databaseSeverity} is GHSA's
 * {@code database_specific.severity}; {@code upstream} lists the records this one derives from.
 */
public record OsvRecord(
        String id,
        String modified,
        String published,
        String withdrawn,
        List<String> aliases,
        List<String> upstream,
        String summary,
        List<SeverityScore> severity,
        String databaseSeverity,
        List<Affected> affected) {

    public OsvRecord {
        aliases = List.copyOf(aliases);
        upstream = List.copyOf(upstream);
        severity = List.copyOf(severity);
        affected = List.copyOf(affected);
    }

    public boolean isWithdrawn() {
        return withdrawn != null && !withdrawn.isBlank();
    }
}
