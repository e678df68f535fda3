package dev.pharos.alertmanager;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Prometheus duration strings ({@code 1d2h30m}, units y w d h m s ms), parsed and printed. */
public final class PromDuration {

    private static final Pattern FORMAT = Pattern.compile(
            "^(?:(\\d+)y)?(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?$");
    private static final long[] UNIT_MS = {
        365L * 24 * 3600_000, 7L * 24 * 3600_000, 24L * 3600_000, 3600_000L, 60_000L, 1000L, 1L};
    private static final String[] UNIT = {"y", "w", "d", "h", "m", "s", "ms"};

    private PromDuration() {
    }

    public static Duration parse(String s) {
        if (s == null || s.isEmpty()) {
            throw new IllegalArgumentException("empty duration string");
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = FORMAT.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a valid duration string: " + GoQuote.quote(s));
        }
        long ms = 0;
        for (int i = 0; i < UNIT.length; i++) {
            String g = m.group(i + 1);
            if (g != null) {
                ms = Math.addExact(ms, Math.multiplyExact(Long.parseLong(g), UNIT_MS[i]));
            }
        }
        return Duration.ofMillis(ms);
    }

    /** As Prometheus' model.Duration prints: largest units first, {@code 0s} for zero. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < UNIT.length; i++) {
            long n = ms / UNIT_MS[i];
            if (n > 0) {
                sb.append(n).append(UNIT[i]);
                ms -= n * UNIT_MS[i];
            }
        }
        return sb.toString();
    }
}
