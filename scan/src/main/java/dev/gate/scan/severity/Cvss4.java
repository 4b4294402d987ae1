package dev.gate.scan.severity;

import us.springett.cvss.Cvss;
import us.springett.cvss.CvssV4;

/**
 * CVSS v4.0 scores through us.springett's cvss-calculator, which implements FIRST's v4.0 method
 * (macro-vector equivalence classes, the published lookup table, severity distance interpolation).
 * The vector is scored as given, as FIRST's calculator does: threat or environmental metrics,
 * when an advisory includes them, are part of the score (CVSS-BT / CVSS-BE).
 */
final class Cvss4 {

    private Cvss4() {}

    /** The score, or an {@link IllegalArgumentException} naming what is wrong with the vector. */
    static double baseScore(String vector) {
        Cvss cvss;
        try {
            cvss = Cvss.fromVector(vector.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("bad CVSS v4.0 vector " + vector + ": " + e.getMessage());
        }
        if (!(cvss instanceof CvssV4)) {
            throw new IllegalArgumentException("not a CVSS v4.0 vector: " + vector);
        }
        return cvss.calculateScore().getBaseScore();
    }
}
