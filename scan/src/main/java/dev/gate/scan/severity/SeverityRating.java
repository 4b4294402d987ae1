package dev.gate.scan.severity;

/**
 * How severe a finding is and where that came from.
 *
 * @param score  CVSS base score, or null when the rating came from a word
 * @param vector the CVSS vector scored, or null
 * @param cvssVersion "3.1", "3.0", "4.0", or null
 */
public record SeverityRating(Severity severity, Double score, String vector, String cvssVersion) {

    public static final SeverityRating UNKNOWN = new SeverityRating(Severity.UNKNOWN, null, null, null);

    public boolean isMoreSevereThan(SeverityRating other) {
        if (severity != other.severity) {
            return severity.compareTo(other.severity) > 0;
        }
        return score != null && (other.score == null || score > other.score);
    }
}
