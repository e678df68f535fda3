package dev.pharos.template;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** time.Time.Format layouts and time.Duration printing. */
class GoTimeTest {

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "2024-03-01T10:00:00Z|2006-01-02T15:04:05Z07:00|2024-03-01T10:00:00Z",
        "2024-03-01T10:00:00Z|Mon Jan _2 15:04:05 2006|Fri Mar  1 10:00:00 2024",
        "2024-03-01T22:07:09Z|3:04:05PM|10:07:09PM",
        "2024-03-01T10:00:00Z|Monday, 02-Jan-06 15:04:05 MST|Friday, 01-Mar-24 10:00:00 UTC",
        "2024-01-15T12:34:56.789+02:00|2006-01-02 15:04:05.000 MST|2024-01-15 12:34:56.789 +0200",
        "2024-01-15T12:34:56.789+02:00|2006-01-02T15:04:05.999999999Z07:00|2024-01-15T12:34:56.789+02:00",
        "2024-01-15T12:34:56.789+02:00|15:04:05.000000|12:34:56.789000",
        "2024-01-15T12:34:56+02:00|.999|''",
        "2024-03-01T10:00:00Z|January 2, 2006 -0700|March 1, 2024 +0000",
        "2024-02-29T10:00:00Z|002|060",
    })
    void format(String rfc3339, String layout, String expected) {
        assertEquals(expected.equals("''") ? "" : expected, GoTime.parseRfc3339(rfc3339).format(layout));
    }

    @ParameterizedTest(name = "{0}ns")
    @CsvSource({
        "0,0s", "1,1ns", "1500,1.5µs", "500000000,500ms", "1500000000,1.5s", "5415000000000,1h30m15s",
        "7200000000000,2h0m0s", "-90000000000,-1m30s", "61000000000,1m1s",
    })
    void duration(long nanos, String expected) {
        assertEquals(expected, new GoDuration(nanos).goString());
    }

    @org.junit.jupiter.api.Test
    void stringAndZero() {
        assertEquals("2024-03-01 10:00:00 +0000 UTC", GoTime.parseRfc3339("2024-03-01T10:00:00Z").goString());
        assertEquals("0001-01-01 00:00:00 +0000 UTC", GoTime.ZERO.goString());
        assertEquals(true, GoTime.parseRfc3339("0001-01-01T00:00:00Z").isZero());
    }
}
