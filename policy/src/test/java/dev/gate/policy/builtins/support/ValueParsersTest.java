package dev.gate.policy.builtins.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class ValueParsersTest {
    @Test
    void goDurations() {
        assertEquals(5_400_000_000_000L, GoDuration.parseNanos("1h30m"));
        assertEquals(-1_500_000_000L, GoDuration.parseNanos("-1.5s"));
        assertEquals(1_000L, GoDuration.parseNanos("1\u00b5s"));
        assertEquals(0L, GoDuration.parseNanos("0"));
        assertEquals(Long.MIN_VALUE, GoDuration.parseNanos("-9223372036854775808ns"));
        assertEquals(
                "time: missing unit in duration \"1\"",
                assertThrows(IllegalArgumentException.class, () -> GoDuration.parseNanos("1"))
                        .getMessage());
        assertEquals(
                "time: unknown unit \"d\" in duration \"1d\"",
                assertThrows(IllegalArgumentException.class, () -> GoDuration.parseNanos("1d"))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> GoDuration.parseNanos("9223372036854775808ns"));
        assertThrows(IllegalArgumentException.class, () -> GoDuration.parseNanos(""));
    }

    @Test
    void units() {
        assertEquals(0, new BigDecimal("0.5").compareTo(Units.parse("500m")));
        assertEquals(0, new BigDecimal("0.5").compareTo(Units.parse("0.0000005M")));
        assertEquals(0, new BigDecimal("1024").compareTo(Units.parse("1Ki")));
        assertEquals(BigInteger.valueOf(1126), Units.parseBytes("1.1KiB"));
        assertEquals(BigInteger.valueOf(10), Units.parseBytes("1e-2KB"));
        assertEquals(new BigInteger("5000000000000000000"), Units.parseBytes("5E"));
        assertEquals(BigInteger.valueOf(335544320), Units.parseBytes("3.2E2MiB"));
        assertEquals(new BigInteger("109951162777600"), Units.parseBytes("\"100TIB\""));
        assertEquals("no byte amount provided", message(() -> Units.parseBytes("GB")));
        assertEquals("could not parse byte amount to a number", message(() -> Units.parseBytes("0.0.0")));
        assertEquals("spaces not allowed in resource strings", message(() -> Units.parse("100 k")));
        assertEquals("unit xy not recognized", message(() -> Units.parse("1xy")));
    }

    @Test
    void cidrs() {
        Cidr net = Cidr.parse("10.0.0.0/8");
        assertTrue(net.contains("10.1.2.3"));
        assertTrue(net.contains("10.4.0.0/16"));
        assertFalse(net.contains("11.0.0.1"));
        assertFalse(net.contains("10.0.0.0/7"));
        assertTrue(net.contains("::ffff:10.1.1.1"));
        assertTrue(Cidr.parse("2001:db8::/32").contains("2001:db8::1"));
        assertFalse(Cidr.parse("2001:db8::/32").contains("10.0.0.1"));
        assertTrue(Cidr.parse("192.168.1.0/25").intersects(Cidr.parse("192.168.1.64/26")));
        assertFalse(Cidr.parse("192.168.1.0/25").intersects(Cidr.parse("192.168.1.128/25")));
        assertFalse(Cidr.isValid("10.0.0.0/33"));
        assertFalse(Cidr.isValid("010.0.0.0/8"));
        assertFalse(Cidr.isValid("example.com/8"));
        assertEquals("invalid CIDR address: 10.0.0/8", message(() -> Cidr.parse("10.0.0/8")));
    }

    @Test
    void semver() {
        assertTrue(SemVer.isValid("1.0.0-alpha.1+build.5"));
        assertFalse(SemVer.isValid("1"));
        assertFalse(SemVer.isValid("v1.0.0"));
        assertFalse(SemVer.isValid("1.0.0-a..b"));
        assertEquals(-1, SemVer.parse("1.0.0").compareTo(SemVer.parse("2.0.0")));
        assertEquals(-1, SemVer.parse("1.0.0-alpha").compareTo(SemVer.parse("1.0.0")));
        assertEquals(-1, SemVer.parse("1.0.0-alpha.1").compareTo(SemVer.parse("1.0.0-alpha.beta")));
        assertEquals(-1, SemVer.parse("1.0.0-2").compareTo(SemVer.parse("1.0.0-10")));
        assertEquals(0, SemVer.parse("1.0.0+a").compareTo(SemVer.parse("1.0.0+b")));
        assertEquals("\"1\" is not a valid SemVer", message(() -> SemVer.parse("1")));
    }

    private static String message(Runnable action) {
        return assertThrows(IllegalArgumentException.class, action::run).getMessage();
    }
}
