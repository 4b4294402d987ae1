package dev.gate.scan.severity;

import java.util.Locale;

/** Qualitative severity, ordered from least to most severe (UNKNOWN lowest, so filters never hide it by accident). */
public enum Severity {
    UNKNOWN,
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL;

    /** The CVSS qualitative rating of a base score (v3 and v4 share the bands); 0.0 is "None", reported as LOW. */
    public static Severity ofScore(double score) {
        if (score >= 9.0) {
            return CRITICAL;
        }
        if (score >= 7.0) {
            return HIGH;
        }
        if (score >= 4.0) {
            return MEDIUM;
        }
        return LOW;
    }

    /**
     * GHSA's {@code database_specific.severity} and distribution words (Red Hat's Important, Debian's
     * urgency, Ubuntu's priority). Debian marks urgencies taken from NVD with trailing asterisks
     * ({@code low**}); "not yet assigned", "end-of-life" and Ubuntu's "untriaged" say nothing: UNKNOWN.
     */
    public static Severity ofWord(String word) {
        if (word == null) {
            return UNKNOWN;
        }
        return switch (word.trim().replaceAll("\\*+$", "").toLowerCase(Locale.ROOT)) {
            case "critical" -> CRITICAL;
            case "high", "important" -> HIGH;
            case "moderate", "medium" -> MEDIUM;
            case "low", "unimportant", "negligible" -> LOW;
            default -> UNKNOWN;
        };
    }

    public static Severity parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown severity '" + text + "' (use LOW, MEDIUM, HIGH, CRITICAL or UNKNOWN)");
        }
    }
}
