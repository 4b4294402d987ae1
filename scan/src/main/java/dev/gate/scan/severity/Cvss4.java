package dev.gate.scan.severity;

/** CVSS v4.0 base scores. Not scored yet: callers fall back to the next source of severity. */
final class Cvss4 {

    private Cvss4() {
    }

    static double baseScore(String vector) {
        throw new IllegalArgumentException("CVSS v4.0 scoring not available: " + vector);
    }
}
