package dev.gate.scan.osv;

import java.util.List;

/**
 * One {@code affected[]} entry of a record.
 *
 * @param severity    CVSS entries given for this package only (schema 1.5+), else empty
 * @param urgency     a distribution's own rating ({@code ecosystem_specific.urgency} in Debian data), or null
 * @param ghsaSeverity {@code database_specific.severity} of this entry, or null
 */
public record Affected(
        String ecosystem,
        String name,
        String purl,
        List<Range> ranges,
        List<String> versions,
        List<SeverityScore> severity,
        String urgency,
        String ghsaSeverity) {

    public Affected {
        ranges = List.copyOf(ranges);
        versions = List.copyOf(versions);
        severity = List.copyOf(severity);
    }
}
