package dev.gate.policy.builtins.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpaNumbersTest {
    private static BigDecimal n(String s) {
        return new BigDecimal(s);
    }

    private static List<BigInteger> ints(long... values) {
        return java.util.Arrays.stream(values).mapToObj(BigInteger::valueOf).toList();
    }

    @Test
    void arithmetic() {
        assertEquals(0, n("0.5").compareTo(OpaNumbers.divide(n("1"), n("2"))));
        assertEquals("0.3333333333333333333", OpaNumbers.divide(n("1"), n("3")).toPlainString());
        assertEquals(
                "divide by zero",
                assertThrows(ArithmeticException.class, () -> OpaNumbers.divide(n("1"), n("0.0")))
                        .getMessage());
        assertEquals(n("3"), OpaNumbers.remainder(n("7"), n("4")));
        assertEquals(n("-3"), OpaNumbers.remainder(n("-7"), n("4")));
        assertEquals(
                "modulo on floating-point number",
                assertThrows(ArithmeticException.class, () -> OpaNumbers.remainder(n("1.1"), n("1")))
                        .getMessage());
        assertTrue(OpaNumbers.isInteger(n("2.0")));
    }

    @Test
    void rounding() {
        assertEquals(n("-2"), OpaNumbers.round(n("-1.5")));
        assertEquals(n("3"), OpaNumbers.round(n("2.5")));
        assertEquals(n("-1"), OpaNumbers.ceil(n("-1.5")));
        assertEquals(n("-2"), OpaNumbers.floor(n("-1.5")));
        assertEquals("-ff", OpaNumbers.formatInt(n("-255.9"), 16));
        assertEquals("1010", OpaNumbers.formatInt(n("10"), 2));
        assertThrows(IllegalArgumentException.class, () -> OpaNumbers.formatInt(n("10"), 3));
    }

    @Test
    void ranges() {
        assertEquals(ints(-2, -1, 0, 1, 2, 3), OpaNumbers.range(BigInteger.valueOf(-2), BigInteger.valueOf(3)));
        assertEquals(ints(5, 4, 3, 2), OpaNumbers.range(BigInteger.valueOf(5), BigInteger.valueOf(2)));
        assertEquals(ints(2, 4), OpaNumbers.rangeStep(BigInteger.TWO, BigInteger.valueOf(5), BigInteger.TWO));
        assertEquals(ints(0, -2, -4), OpaNumbers.rangeStep(BigInteger.ZERO, BigInteger.valueOf(-4), BigInteger.TWO));
        assertEquals(
                ints(0), OpaNumbers.rangeStep(BigInteger.ZERO, BigInteger.TEN, new BigInteger("99999999999999999999")));
        assertEquals(
                "step must be a positive integer",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> OpaNumbers.rangeStep(BigInteger.ZERO, BigInteger.TEN, BigInteger.valueOf(-2)))
                        .getMessage());
    }

    @Test
    void toNumberParsing() {
        assertEquals(n("-42.0"), OpaNumbers.parse("-42.0"));
        assertEquals(n("1e3"), OpaNumbers.parse("+1e3"));
        assertThrows(NumberFormatException.class, () -> OpaNumbers.parse("nan"));
        assertTrue(OpaNumbers.isNotFinite("-Inf"));
        assertThrows(NumberFormatException.class, () -> OpaNumbers.parse("12abc"));
        assertThrows(NumberFormatException.class, () -> OpaNumbers.parse("1e400"));
    }
}
