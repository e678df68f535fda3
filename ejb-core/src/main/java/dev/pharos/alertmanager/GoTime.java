package dev.pharos.alertmanager;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Timestamps as the original prints them. A null instant is Go's zero time. */
public final class GoTime {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private GoTime() {
    }

    /** RFC 3339 with nanoseconds, trailing zeros trimmed (Go's time.Time JSON), e.g. 2024-01-01T00:00:00.5Z. */
    public static String rfc3339Nano(Instant t) {
        if (t == null) {
            return "0001-01-01T00:00:00Z";
        }
        StringBuilder sb = new StringBuilder(SECONDS.format(t));
        int nanos = t.getNano();
        if (nanos != 0) {
            String frac = String.format("%09d", nanos);
            int end = frac.length();
            while (frac.charAt(end - 1) == '0') {
                end--;
            }
            sb.append('.').append(frac, 0, end);
        }
        return sb.append('Z').toString();
    }

    /** RFC 3339 with exactly three fraction digits, as the API v2 (strfmt.DateTime) prints. */
    public static String rfc3339Millis(Instant t) {
        if (t == null) {
            return "0001-01-01T00:00:00.000Z";
        }
        return SECONDS.format(t) + String.format(".%03dZ", t.getNano() / 1_000_000);
    }

    /** Truncates to at most n code points, ending with "…" when cut (the original's TruncateInRunes). */
    public static String truncateRunes(String s, int n) {
        if (s.codePointCount(0, s.length()) <= n) {
            return s;
        }
        if (n <= 3) {
            return s.substring(0, s.offsetByCodePoints(0, n));
        }
        return s.substring(0, s.offsetByCodePoints(0, n - 1)) + "\u2026";
    }
}
