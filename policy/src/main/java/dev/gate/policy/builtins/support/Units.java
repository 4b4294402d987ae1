package dev.gate.policy.builtins.support;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * {@code units.parse} and {@code units.parse_bytes}: an amount with an optional exponent ("1e3")
 * and a decimal (k, M, G ...) or binary (Ki, Mi, Gi ...) suffix, computed exactly.
 * Messages are OPA's, without the builtin-name prefix the caller adds.
 */
public final class Units {
    private static final String[] PREFIXES = {"k", "m", "g", "t", "p", "e"};
    private static final int MAX_EXPONENT_DIGITS = 6;

    private Units() {}

    /** units.parse: "m" is milli, "M" mega; any other suffix letter is case-insensitive. */
    public static BigDecimal parse(String raw) {
        String[] parts = split(raw, "no amount provided", "could not parse amount to a number");
        String unit = parts[1];
        BigDecimal scale;
        if (unit.equals("m")) {
            scale = new BigDecimal("0.001");
        } else {
            scale = scale(unit.toLowerCase(Locale.ROOT), unit);
        }
        return new BigDecimal(parts[0]).multiply(scale).stripTrailingZeros();
    }

    /** units.parse_bytes: suffixes case-insensitive, an optional trailing "b"; whole bytes (truncated). */
    public static BigInteger parseBytes(String raw) {
        String[] parts = split(raw, "no byte amount provided", "could not parse byte amount to a number");
        String unit = parts[1].toLowerCase(Locale.ROOT);
        if (unit.endsWith("b")) {
            unit = unit.substring(0, unit.length() - 1);
        }
        BigDecimal bytes = new BigDecimal(parts[0]).multiply(scale(unit, parts[1]));
        return bytes.setScale(0, RoundingMode.DOWN).toBigInteger();
    }

    private static BigDecimal scale(String lowerUnit, String original) {
        if (lowerUnit.isEmpty()) {
            return BigDecimal.ONE;
        }
        boolean binary = lowerUnit.length() == 2 && lowerUnit.charAt(1) == 'i';
        String prefix = binary ? lowerUnit.substring(0, 1) : lowerUnit;
        for (int i = 0; i < PREFIXES.length; i++) {
            if (PREFIXES[i].equals(prefix)) {
                return binary ? new BigDecimal(BigInteger.valueOf(1024).pow(i + 1)) : BigDecimal.TEN.pow(3 * (i + 1));
            }
        }
        throw new IllegalArgumentException("unit " + original + " not recognized");
    }

    /**
     * [number, unit], split as OPA splits them: the number runs over digits, dots and signs, and over an 'e' followed
     * by a digit or a sign; an exponent of more than {@value #MAX_EXPONENT_DIGITS} digits is refused.
     */
    private static String[] split(String raw, String noAmount, String notNumber) {
        String s = raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"")
                ? raw.substring(1, raw.length() - 1)
                : raw;
        if (s.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("spaces not allowed in resource strings");
        }
        int end = numberEnd(s);
        String number = s.substring(0, end);
        if (number.isEmpty()) {
            throw new IllegalArgumentException(noAmount);
        }
        if (!number.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
            throw new IllegalArgumentException(notNumber);
        }
        return new String[] {number, s.substring(end)};
    }

    private static int numberEnd(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isDigit(c) || c == '.' || c == '+' || c == '-') continue;
            if (c != 'e' && c != 'E') return i;
            boolean signed = i + 1 < s.length() && (s.charAt(i + 1) == '+' || s.charAt(i + 1) == '-');
            if (i + 1 >= s.length() || !Character.isDigit(s.charAt(i + 1)) && !signed) return i;
            if (signed) i++;
            int digits = 0;
            while (i + 1 + digits < s.length() && Character.isDigit(s.charAt(i + 1 + digits))) digits++;
            if (digits > MAX_EXPONENT_DIGITS) throw new IllegalArgumentException("exponent too large");
        }
        return s.length();
    }
}
