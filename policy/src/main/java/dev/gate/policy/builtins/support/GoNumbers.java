package dev.gate.policy.builtins.support;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Go's fmt rules for integers and float64s. Floats are rounded from their exact binary value,
 * half to even, as strconv does; java.util.Formatter rounds a decimal approximation instead.
 */
final class GoNumbers {
    /** Decimal digits d (no leading zeros) with the point after dp digits: 0.d × 10^dp. */
    private record Digits(String d, int dp) {
        static Digits of(BigDecimal value) {
            BigDecimal v = value.stripTrailingZeros();
            if (v.signum() == 0) {
                return new Digits("", 0);
            }
            String unscaled = v.unscaledValue().toString();
            return new Digits(unscaled, unscaled.length() - v.scale());
        }

        char at(int i) {
            return i >= 0 && i < d.length() ? d.charAt(i) : '0';
        }
    }

    private GoNumbers() {}

    static String integer(GoVerb.Spec spec, int verb, BigInteger value, boolean big) {
        if (!big && (verb == 'c' || verb == 'q' || verb == 'U')) {
            return rune(spec, verb, value);
        }
        int base = switch (verb) {
            case 'd', 'v' -> 10;
            case 'b' -> 2;
            case 'o', 'O' -> 8;
            case 'x', 'X' -> 16;
            default -> 0;
        };
        if (base == 0) {
            return null;
        }
        String digits = value.abs().toString(base);
        digits = verb == 'X' ? digits.toUpperCase(Locale.ROOT) : digits;
        String sign = value.signum() < 0 ? "-" : spec.plus ? "+" : spec.space ? " " : "";
        int minDigits = spec.precision;
        if (minDigits == 0 && value.signum() == 0) {
            digits = "";
        } else if (minDigits < 0 && spec.zero && !spec.minus && spec.width > 0) {
            minDigits = spec.width - sign.length();
        }
        if (minDigits > digits.length()) {
            digits = "0".repeat(minDigits - digits.length()) + digits;
        }
        return sign + prefix(spec, verb, digits) + digits;
    }

    private static String prefix(GoVerb.Spec spec, int verb, String digits) {
        if (verb == 'O') {
            return "0o";
        }
        if (!spec.sharp) {
            return "";
        }
        return switch (verb) {
            case 'b' -> "0b";
            case 'o' -> digits.startsWith("0") ? "" : "0";
            case 'x' -> "0x";
            case 'X' -> "0X";
            default -> "";
        };
    }

    private static String rune(GoVerb.Spec spec, int verb, BigInteger value) {
        int cp = value.bitLength() <= 31 && Character.isValidCodePoint(value.intValue()) ? value.intValue() : 0xFFFD;
        return switch (verb) {
            case 'c' -> Character.toString(cp);
            case 'q' -> GoQuote.quoteRune(cp);
            default -> String.format("U+%04X", value);
        };
    }

    static String floating(GoVerb.Spec spec, int verb, double value) {
        String body = switch (verb) {
            case 'v', 'g', 'G' -> general(Math.abs(value), spec.precision, verb == 'G');
            case 'e', 'E' ->
                exponent(Digits.of(round(Math.abs(value), precision(spec) + 1)), precision(spec), verb == 'E');
            case 'f', 'F' ->
                fixed(
                        Digits.of(new BigDecimal(Math.abs(value)).setScale(precision(spec), RoundingMode.HALF_EVEN)),
                        precision(spec));
            default -> null;
        };
        if (body == null) {
            return null;
        }
        boolean negative = value < 0 || value == 0 && 1 / value < 0;
        String sign = negative ? "-" : spec.plus ? "+" : spec.space ? " " : "";
        if (spec.zero && !spec.minus && spec.width > sign.length() + body.length()) {
            body = "0".repeat(spec.width - sign.length() - body.length()) + body;
        }
        return sign + body;
    }

    private static int precision(GoVerb.Spec spec) {
        return spec.precision < 0 ? 6 : spec.precision;
    }

    private static BigDecimal round(double abs, int significant) {
        return new BigDecimal(abs).round(new MathContext(significant, RoundingMode.HALF_EVEN));
    }

    /** strconv 'g': shortest digits when no precision, %e when the exponent is &lt; -4 or &gt;= the precision. */
    private static String general(double abs, int precision, boolean upper) {
        boolean shortest = precision < 0;
        int prec = precision == 0 ? 1 : precision;
        Digits digits = shortest ? Digits.of(new BigDecimal(Double.toString(abs))) : Digits.of(round(abs, prec));
        if (shortest) {
            prec = digits.d.length();
        }
        int eprec = prec;
        if (eprec > digits.d.length() && digits.d.length() >= digits.dp) {
            eprec = digits.d.length();
        }
        if (shortest) {
            eprec = 6;
        }
        int exp = digits.dp - 1;
        if (exp < -4 || exp >= eprec) {
            return exponent(digits, Math.min(prec, Math.max(digits.d.length(), 1)) - 1, upper);
        }
        if (prec > digits.dp) {
            prec = digits.d.length();
        }
        return fixed(digits, Math.max(prec - digits.dp, 0));
    }

    private static String exponent(Digits digits, int precision, boolean upper) {
        StringBuilder out = new StringBuilder().append(digits.at(0));
        if (precision > 0) {
            out.append('.');
            for (int i = 1; i <= precision; i++) {
                out.append(digits.at(i));
            }
        }
        int exp = digits.d.isEmpty() ? 0 : digits.dp - 1;
        out.append(upper ? 'E' : 'e').append(exp < 0 ? '-' : '+');
        int absExp = Math.abs(exp);
        return out.append(absExp < 10 ? "0" : "").append(absExp).toString();
    }

    private static String fixed(Digits digits, int precision) {
        StringBuilder out = new StringBuilder();
        if (digits.dp > 0) {
            for (int i = 0; i < digits.dp; i++) {
                out.append(digits.at(i));
            }
        } else {
            out.append('0');
        }
        if (precision > 0) {
            out.append('.');
            for (int i = 1; i <= precision; i++) {
                out.append(digits.at(digits.dp + i - 1));
            }
        }
        return out.toString();
    }
}
