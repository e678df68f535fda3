package dev.pharos.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prometheus duration strings ({@code model.Duration}): units y (365d), w, d, h, m, s, ms, each at
 * most once and in that order, e.g. {@code 1h30m}; {@code 0} alone is zero. No fractions, no sign.
 */
public final class PromDurations {

    private static final Pattern DURATION = Pattern.compile(
            "^(?:([0-9]+)y)?(?:([0-9]+)w)?(?:([0-9]+)d)?(?:([0-9]+)h)?(?:([0-9]+)m)?(?:([0-9]+)s)?(?:([0-9]+)ms)?$");
    private static final long[] UNIT_MS = {
        365L * 24 * 3600 * 1000, 7L * 24 * 3600 * 1000, 24L * 3600 * 1000, 3600 * 1000L, 60 * 1000L, 1000L, 1L};
    private static final String[] UNIT = {"y", "w", "d", "h", "m", "s", "ms"};

    private PromDurations() {
    }

    /**
     * Parses a duration.
     *
     * @throws IllegalArgumentException {@code not a valid duration string: "x"}
     */
    public static Duration parse(String s) {
        if (s == null || s.isEmpty()) {
            throw new IllegalArgumentException("empty duration string");
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = DURATION.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a valid duration string: \"" + s + "\"");
        }
        long total = 0;
        for (int i = 0; i < UNIT_MS.length; i++) {
            String g = m.group(i + 1);
            if (g != null) {
                try {
                    total = Math.addExact(total, Math.multiplyExact(Long.parseLong(g), UNIT_MS[i]));
                } catch (ArithmeticException | NumberFormatException e) {
                    throw new IllegalArgumentException("duration out of range: \"" + s + "\"");
                }
            }
        }
        return Duration.ofMillis(total);
    }

    /** Formats as Prometheus prints durations: largest units first, {@code 0s} for zero. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        if (ms < 0) {
            sb.append('-');
            ms = -ms;
        }
        for (int i = 0; i < UNIT_MS.length; i++) {
            long n = ms / UNIT_MS[i];
            if (n > 0) {
                sb.append(n).append(UNIT[i]);
                ms -= n * UNIT_MS[i];
            }
        }
        return sb.toString();
    }
}
