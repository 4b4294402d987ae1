package dev.gate.policy.builtins.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalendarAndEncodingsTest {
    private static final ZoneId UTC = ZoneOffset.UTC;

    private static long day(String date) {
        return GoTimeParser.parseNanos("2006-01-02", date);
    }

    @Test
    void dateClockWeekday() {
        assertEquals(List.of(2018, 2, 9), GoCalendar.date(1518177600000000000L, UTC));
        assertEquals("Friday", GoCalendar.weekday(1518177600000000000L, UTC));
        assertEquals(
                List.of(2017, 6, 2), GoCalendar.date(1496455200000000000L, GoCalendar.zone("America/Los_Angeles")));
        assertEquals(List.of(22, 0, 0), GoCalendar.clock(1496455200000000000L, GoCalendar.zone("America/New_York")));
        assertEquals(List.of(1969, 12, 31), GoCalendar.date(-1L, UTC));
        assertThrows(IllegalArgumentException.class, () -> GoCalendar.zone("Mars/Olympus"));
    }

    @Test
    void addDateNormalisesLikeGo() {
        assertEquals(day("2021-03-03"), GoCalendar.addDate(day("2021-01-31"), 0, 1, 0, UTC));
        assertEquals(day("2019-01-31"), GoCalendar.addDate(day("2020-03-01"), -1, -1, -1, UTC));
        assertEquals(
                "time outside of valid range",
                assertThrows(IllegalArgumentException.class, () -> GoCalendar.addDate(0, 2262, 1, 1, UTC))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> GoCalendar.addDate(Long.MIN_VALUE, 0, 0, -1, UTC));
    }

    @Test
    void diffBorrowsLikeGo() {
        assertEquals(List.of(0, 0, 28, 0, 0, 0), GoCalendar.diff(day("2020-02-02"), UTC, day("2020-03-01"), UTC));
        assertEquals(List.of(0, 0, 27, 0, 0, 0), GoCalendar.diff(day("2021-02-02"), UTC, day("2021-03-01"), UTC));
        assertEquals(List.of(1, 0, 1, 0, 0, 0), GoCalendar.diff(day("2004-02-29"), UTC, day("2005-03-01"), UTC));
        long now = 1_700_000_000_000_000_000L;
        assertEquals(
                List.of(0, 0, 0, 0, 1, 0),
                GoCalendar.diff(now + 60_000_000_000L, UTC, now, GoCalendar.zone("Asia/Shanghai")));
    }

    @Test
    void encodingsFollowGo() {
        assertEquals("aGk=", GoEncodings.base64Encode("hi"));
        assertThrows(IllegalArgumentException.class, () -> GoEncodings.base64Decode("aGk"));
        assertArrayEquals("hi".getBytes(StandardCharsets.UTF_8), GoEncodings.base64Decode("aG\r\nk="));
        assertArrayEquals("hi".getBytes(StandardCharsets.UTF_8), GoEncodings.base64UrlDecode("aGk"));
        assertEquals("PDw_Pz4-", GoEncodings.base64UrlEncode("<<??>>"));
        assertEquals("6869", GoEncodings.hexEncode("hi"));
        assertThrows(IllegalArgumentException.class, () -> GoEncodings.hexDecode("6g"));
        assertEquals("a+b%2Ac~%C3%A9%26", GoEncodings.queryEscape("a b*c~\u00e9&"));
        assertEquals("a b*c~\u00e9&", GoEncodings.queryUnescape("a+b%2Ac~%C3%A9%26"));
        assertEquals(
                "invalid URL escape \"%zz\"",
                assertThrows(IllegalArgumentException.class, () -> GoEncodings.queryUnescape("a%zz"))
                        .getMessage());
    }
}
