package dev.gate.scan.severity;

import java.util.HashMap;
import java.util.Map;

/**
 * CVSS v3.0/v3.1 base score from a vector such as {@code CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H},
 * following the formulas and the Roundup function of the v3.1 specification (section 7).
 */
public final class Cvss3 {

    private Cvss3() {}

    /** The base score, or an {@link IllegalArgumentException} naming what is wrong with the vector. */
    public static double baseScore(String vector) {
        Map<String, String> m = metrics(vector);
        boolean changed = "C".equals(need(m, "S", vector));
        double av = weight(need(m, "AV", vector), "N", 0.85, "A", 0.62, "L", 0.55, "P", 0.2);
        double ac = weight(need(m, "AC", vector), "L", 0.77, "H", 0.44);
        double pr = weight(need(m, "PR", vector), "N", 0.85, "L", changed ? 0.68 : 0.62, "H", changed ? 0.5 : 0.27);
        double ui = weight(need(m, "UI", vector), "N", 0.85, "R", 0.62);
        double c = cia(need(m, "C", vector));
        double i = cia(need(m, "I", vector));
        double a = cia(need(m, "A", vector));
        double iss = 1 - (1 - c) * (1 - i) * (1 - a);
        double impact = changed ? 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15) : 6.42 * iss;
        double exploitability = 8.22 * av * ac * pr * ui;
        if (impact <= 0) {
            return 0.0;
        }
        double sum = changed ? 1.08 * (impact + exploitability) : impact + exploitability;
        return roundUp(Math.min(sum, 10));
    }

    /** v3.1 Roundup: the smallest one-decimal number not below the input, immune to float noise. */
    static double roundUp(double value) {
        long scaled = Math.round(value * 100_000);
        if (scaled % 10_000 == 0) {
            return scaled / 100_000.0;
        }
        return (Math.floor(scaled / 10_000.0) + 1) / 10.0;
    }

    private static Map<String, String> metrics(String vector) {
        String[] parts = vector.trim().split("/");
        if (parts.length < 2 || !parts[0].startsWith("CVSS:3.")) {
            throw new IllegalArgumentException("not a CVSS v3 vector: " + vector);
        }
        Map<String, String> m = new HashMap<>();
        for (int k = 1; k < parts.length; k++) {
            String[] kv = parts[k].split(":", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("bad metric '" + parts[k] + "' in " + vector);
            }
            m.put(kv[0], kv[1]);
        }
        return m;
    }

    private static String need(Map<String, String> m, String key, String vector) {
        String value = m.get(key);
        if (value == null) {
            throw new IllegalArgumentException("metric " + key + " missing in " + vector);
        }
        return value;
    }

    private static double cia(String value) {
        return weight(value, "H", 0.56, "L", 0.22, "N", 0.0);
    }

    private static double weight(String value, Object... pairs) {
        for (int k = 0; k < pairs.length; k += 2) {
            if (pairs[k].equals(value)) {
                return (Double) pairs[k + 1];
            }
        }
        throw new IllegalArgumentException("bad metric value '" + value + "'");
    }
}
