package dev.gate.scan.osv;

/** An OSV {@code severity[]} entry: type such as CVSS_V3 or CVSS_V4 and its score string (a vector). */
public record SeverityScore(String type, String score) {}
