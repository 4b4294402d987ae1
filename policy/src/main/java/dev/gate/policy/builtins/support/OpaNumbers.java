package dev.gate.policy.builtins.support;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * OPA's number rules on exact decimals. OPA keeps numbers as decimal text and computes with
 * 64-bit-mantissa big.Float, so integers stay exact far beyond float64 (49649733057 + 1 is
 * 49649733058) and a quotient keeps about 19 significant digits.
 */
public final class OpaNumbers {
    /** big.Float's default 64-bit mantissa carries 19 significant decimal digits. */
    public static final MathContext QUOTIENT = new MathContext(19, RoundingMode.HALF_EVEN);

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern NOT_FINITE = Pattern.compile("[+-]?(inf|infinity|nan)", Pattern.CASE_INSENSITIVE);
    private static final BigDecimal FLOAT64_MAX = new BigDecimal(Double.MAX_VALUE);

    private OpaNumbers() {}

    public static boolean isInteger(BigDecimal n) {
        return n.signum() == 0 || n.stripTrailingZeros().scale() <= 0;
    }

    public static BigDecimal divide(BigDecimal a, BigDecimal b) {
        if (b.signum() == 0) {
            throw new ArithmeticException("divide by zero");
        }
        return a.divide(b, QUOTIENT).stripTrailingZeros();
    }

    /** Rego's %: integers only. */
    public static BigDecimal remainder(BigDecimal a, BigDecimal b) {
        if (!isInteger(a) || !isInteger(b)) {
            throw new ArithmeticException("modulo on floating-point number");
        }
        if (b.signum() == 0) {
            throw new ArithmeticException("modulo by zero");
        }
        return new BigDecimal(a.toBigIntegerExact().remainder(b.toBigIntegerExact()));
    }

    /** round(): half away from zero, as Go's math.Round. */
    public static BigDecimal round(BigDecimal n) {
        return n.setScale(0, RoundingMode.HALF_UP);
    }

    public static BigDecimal ceil(BigDecimal n) {
        return n.setScale(0, RoundingMode.CEILING);
    }

    public static BigDecimal floor(BigDecimal n) {
        return n.setScale(0, RoundingMode.FLOOR);
    }

    /** format_int: truncated toward zero, then written in base 2, 8, 10 or 16 (lowercase). */
    public static String formatInt(BigDecimal n, int base) {
        if (base != 2 && base != 8 && base != 10 && base != 16) {
            throw new IllegalArgumentException("operand 2 must be one of {2, 8, 10, 16}");
        }
        return n.setScale(0, RoundingMode.DOWN).toBigInteger().toString(base);
    }

    /** numbers.range: every integer from a to b inclusive, descending when b &lt; a. */
    public static List<BigInteger> range(BigInteger a, BigInteger b) {
        return stepped(a, b, BigInteger.ONE, () -> {});
    }

    /** As {@link #range(BigInteger, BigInteger)}, calling tick every 4096 numbers (a deadline check). */
    public static List<BigInteger> range(BigInteger a, BigInteger b, Runnable tick) {
        return stepped(a, b, BigInteger.ONE, tick);
    }

    /** numbers.range_step: step must be positive; b itself only when reached exactly. */
    public static List<BigInteger> rangeStep(BigInteger a, BigInteger b, BigInteger step) {
        return rangeStep(a, b, step, () -> {});
    }

    public static List<BigInteger> rangeStep(BigInteger a, BigInteger b, BigInteger step, Runnable tick) {
        if (step.signum() <= 0) {
            throw new IllegalArgumentException("step must be a positive integer");
        }
        return stepped(a, b, step, tick);
    }

    private static List<BigInteger> stepped(BigInteger a, BigInteger b, BigInteger step, Runnable tick) {
        List<BigInteger> out = new ArrayList<>();
        boolean up = a.compareTo(b) <= 0;
        BigInteger delta = up ? step : step.negate();
        for (BigInteger i = a; up ? i.compareTo(b) <= 0 : i.compareTo(b) >= 0; i = i.add(delta)) {
            out.add(i);
            if ((out.size() & 4095) == 0) {
                tick.run();
            }
        }
        return out;
    }

    /**
     * to_number on a string: a decimal that float64 can hold; Inf and NaN are refused (OPA answers
     * with a type error for those, which the caller signals as such).
     */
    public static BigDecimal parse(String text) {
        if (NOT_FINITE.matcher(text.trim()).matches()) {
            throw new NumberFormatException("invalid number " + GoQuote.quote(text) + ": not finite");
        }
        if (!DECIMAL.matcher(text).matches()) {
            throw new NumberFormatException("strconv.ParseFloat: parsing " + GoQuote.quote(text) + ": invalid syntax");
        }
        BigDecimal n = new BigDecimal(text.startsWith("+") ? text.substring(1) : text);
        if (n.abs().compareTo(FLOAT64_MAX) > 0) {
            throw new NumberFormatException(
                    "strconv.ParseFloat: parsing " + GoQuote.quote(text) + ": value out of range");
        }
        return n;
    }

    public static boolean isNotFinite(String text) {
        return NOT_FINITE.matcher(text.trim()).matches();
    }
}
