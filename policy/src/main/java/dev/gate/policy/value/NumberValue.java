package dev.gate.policy.value;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A Rego number. OPA keeps numbers arbitrary-precision; integers stay exact. The decimal is
 * normalized (no trailing zeros, never a negative scale) so equal numbers are equal. OPA also keeps
 * the text a number was written in, and {@code sprintf} formats {@code 100.0} or {@code 1e2} as
 * the float it was written as: {@code writtenAsFloat} remembers that much of the text of a number
 * from policy text or JSON (a computed number has none); it takes no part in equality.
 */
public record NumberValue(BigDecimal decimal, boolean writtenAsFloat) implements Value {

    public NumberValue {
        if (decimal == null) throw new IllegalArgumentException("number must not be null");
        decimal = normalize(decimal);
    }

    public NumberValue(BigDecimal decimal) {
        this(decimal, false);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NumberValue n && decimal.equals(n.decimal);
    }

    @Override
    public int hashCode() {
        return decimal.hashCode();
    }

    /** The number negated, written as it was ({@code -1.0} is still written as a float). */
    public NumberValue negate() {
        return new NumberValue(decimal.negate(), writtenAsFloat);
    }

    public static NumberValue of(long n) {
        return new NumberValue(BigDecimal.valueOf(n));
    }

    public static NumberValue of(BigInteger n) {
        return new NumberValue(new BigDecimal(n));
    }

    public static NumberValue of(BigDecimal n) {
        return new NumberValue(n);
    }

    public static NumberValue of(double d) {
        return new NumberValue(new BigDecimal(Double.toString(d)));
    }

    /**
     * The most digits a number written in policy text may have before or after its point. An exponent such as
     * {@code 1e1000000} would otherwise expand into a million-digit integer that every negation or
     * normalization then works through digit by digit: minutes of CPU for a few bytes of policy.
     */
    static final int MAX_WRITTEN_DIGITS = 10_000;

    /** Parses JSON number text; throws NumberFormatException on bad text or a number past {@link #MAX_WRITTEN_DIGITS}. */
    public static NumberValue parse(String text) {
        BigDecimal d = new BigDecimal(text);
        if (d.signum() != 0 && (d.precision() - d.scale() > MAX_WRITTEN_DIGITS || d.scale() > MAX_WRITTEN_DIGITS)) {
            throw new NumberFormatException("more than " + MAX_WRITTEN_DIGITS + " digits");
        }
        return new NumberValue(d, text.indexOf('.') >= 0 || text.indexOf('e') >= 0 || text.indexOf('E') >= 0);
    }

    private static BigDecimal normalize(BigDecimal d) {
        if (d.signum() == 0) return BigDecimal.ZERO;
        BigDecimal stripped = d.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    public boolean isInteger() {
        return decimal.scale() <= 0;
    }

    /** The value as an int when it is an integer in range, else null. */
    public Integer intValueExact() {
        if (!isInteger()) return null;
        try {
            return decimal.intValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }

    public BigInteger bigInteger() {
        return decimal.toBigIntegerExact();
    }

    @Override
    public String typeName() {
        return "number";
    }

    @Override
    public int kindRank() {
        return 2;
    }

    @Override
    public int compareSameKind(Value other) {
        return decimal.compareTo(((NumberValue) other).decimal);
    }

    @Override
    public String toString() {
        return decimal.toPlainString();
    }
}
