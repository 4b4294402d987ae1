package dev.gate.policy.builtins.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class GoTimeTest {
    private static final long JUNE_2017 = 1_496_455_200_000_000_000L; // 2017-06-03T02:00:00Z

    @Test
    void parsesGoLayoutsAndTheirNames() {
        assertEquals(JUNE_2017, GoTimeParser.parseNanos("2006-01-02T15:04:05Z07:00", "2017-06-02T19:00:00-07:00"));
        assertEquals(JUNE_2017, GoTimeParser.parseNanos("01/02 03:04:05PM '06 -0700", "06/02 07:00:00PM '17 -0700"));
        assertEquals(JUNE_2017, GoTimeParser.parseNanos("02 Jan 06 15:04 -0700", "02 Jun 17 19:00 -0700"));
        assertEquals(JUNE_2017, GoTimeParser.parseNanos("RFC822Z", "02 Jun 17 19:00 -0700"));
        assertEquals(JUNE_2017, GoTimeParser.parseNanos("RFC1123", "Sat, 03 Jun 2017 02:00:00 UTC"));
        assertEquals(1_583_020_800_000_000_000L, GoTimeParser.parseNanos("2006-01-02", "2020-03-01"));
        assertEquals(1L, GoTimeParser.parseNanos("RFC3339", "1970-01-01T00:00:00.000000001Z"));
        assertEquals(Long.MAX_VALUE, GoTimeParser.parseNanos("RFC3339", "2262-04-11T23:47:16.854775807-00:00"));
        assertEquals(Long.MIN_VALUE, GoTimeParser.parseNanos("RFC3339", "1677-09-21T00:12:43.145224192-00:00"));
        assertEquals(JUNE_2017, GoTimeParser.parseNanos("Mon Jan _2 15:04:05 2006", "Sat Jun  3 02:00:00 2017"));
    }

    @Test
    void refusesBadValuesWithGoMessages() {
        assertEquals(
                "time outside of valid range",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> GoTimeParser.parseNanos("RFC3339", "2262-04-11T23:47:16.854775808-00:00"))
                        .getMessage());
        assertTrue(
                assertThrows(IllegalArgumentException.class, () -> GoTimeParser.parseNanos("2006-01-02", "2021-02-30"))
                        .getMessage()
                        .endsWith("day out of range"));
        assertEquals(
                "parsing time \"2021/01/02\" as \"2006-01-02\": cannot parse \"/01/02\" as \"-\"",
                assertThrows(IllegalArgumentException.class, () -> GoTimeParser.parseNanos("2006-01-02", "2021/01/02"))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> GoTimeParser.parseNanos("2006-01-02", "2021-01-02x"));
    }

    @Test
    void formatsWithGoLayouts() {
        ZonedDateTime utc = Instant.ofEpochSecond(1_496_455_200L, 120_000_000).atZone(ZoneId.of("UTC"));
        assertEquals("2017-06-03T02:00:00.12Z", GoTimeFormatter.format(utc, "RFC3339Nano"));
        assertEquals("Sat, 03 Jun 2017 02:00:00 UTC", GoTimeFormatter.format(utc, "RFC1123"));
        ZonedDateTime la = utc.withZoneSameInstant(ZoneId.of("America/Los_Angeles"));
        assertEquals(
                "2017-06-02T19:00:00-07:00 PDT 7:00PM .120",
                GoTimeFormatter.format(la, "2006-01-02T15:04:05Z07:00 MST 3:04PM .000"));
        assertEquals("Friday June 2 153", GoTimeFormatter.format(la, "Monday January 2 002"));
    }
}
