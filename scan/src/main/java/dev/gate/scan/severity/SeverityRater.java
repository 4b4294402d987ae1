package dev.gate.scan.severity;

import dev.gate.scan.osv.Affected;
import dev.gate.scan.osv.OsvRecord;
import dev.gate.scan.osv.SeverityScore;
import java.util.ArrayList;
import java.util.List;

/**
 * Rates an advisory for one affected package, most specific source first: a CVSS v3 vector
 * (per package, then per record), a CVSS v4 vector, GHSA's {@code database_specific.severity},
 * a distribution's rating (Debian urgency, Ubuntu priority, the "Important:" prefix of Red Hat-style summaries).
 */
public final class SeverityRater {

    private SeverityRater() {}

    public static SeverityRating rate(OsvRecord record, Affected affected) {
        List<SeverityScore> scores = new ArrayList<>(affected.severity());
        scores.addAll(record.severity());
        for (String type : List.of("CVSS_V3", "CVSS_V4")) {
            for (SeverityScore s : scores) {
                if (type.equals(s.type())) {
                    SeverityRating rating = fromVector(s.score());
                    if (rating != null) {
                        return rating;
                    }
                }
            }
        }
        for (String word : new String[] {
            record.databaseSeverity(),
            affected.ghsaSeverity(),
            affected.urgency(),
            typedWord(scores, "Ubuntu"),
            summaryPrefix(record.summary())
        }) {
            Severity severity = Severity.ofWord(word);
            if (severity != Severity.UNKNOWN) {
                return new SeverityRating(severity, null, null, null);
            }
        }
        return SeverityRating.UNKNOWN;
    }

    private static SeverityRating fromVector(String vector) {
        try {
            if (vector.startsWith("CVSS:3.")) {
                double score = Cvss3.baseScore(vector);
                return new SeverityRating(Severity.ofScore(score), score, vector, vector.substring(5, 8));
            }
            if (vector.startsWith("CVSS:4.0")) {
                double score = Cvss4.baseScore(vector);
                return new SeverityRating(Severity.ofScore(score), score, vector, "4.0");
            }
        } catch (IllegalArgumentException e) {
            return null; // an unreadable vector falls through to the next source of severity
        }
        return null;
    }

    /** A rating word OSV carries as a severity entry of its own type (Ubuntu's {@code {"type":"Ubuntu","score":"medium"}}). */
    private static String typedWord(List<SeverityScore> scores, String type) {
        return scores.stream()
                .filter(s -> type.equals(s.type()))
                .map(SeverityScore::score)
                .findFirst()
                .orElse(null);
    }

    /** AlmaLinux and Red Hat summaries start with the rating: "Important: openssl security update". */
    private static String summaryPrefix(String summary) {
        if (summary == null) {
            return null;
        }
        int colon = summary.indexOf(':');
        return colon > 0 && colon < 12 ? summary.substring(0, colon) : null;
    }
}
