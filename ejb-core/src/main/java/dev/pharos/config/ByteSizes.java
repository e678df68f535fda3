package dev.pharos.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Base-2 byte sizes as Prometheus's {@code units.Base2Bytes}: a number and a unit, which is
 * required: B, KB, MB, GB, TB, PB, EB (1KB = 1024B; KiB-style names accepted too). Several
 * terms may be concatenated ({@code 1GB512MB}).
 */
public final class ByteSizes {

    private static final Pattern TERM = Pattern.compile("([0-9]+)([A-Za-z]+)");
    private static final String[] UNITS = {"B", "KB", "MB", "GB", "TB", "PB", "EB"};

    private ByteSizes() {
    }

    /** @throws IllegalArgumentException for a missing or unknown unit, a sign or garbage */
    public static long parse(String s) {
        if (s.equals("0")) {
            return 0;
        }
        Matcher m = TERM.matcher(s);
        long total = 0;
        int pos = 0;
        while (pos < s.length()) {
            if (!m.find(pos) || m.start() != pos) {
                throw new IllegalArgumentException("invalid size \"" + s + "\": a number and a unit"
                        + " (B, KB, MB, GB, TB, PB, EB) are required");
            }
            String unit = m.group(2).toUpperCase(Locale.ROOT).replace("IB", "B");
            int exp = -1;
            for (int i = 0; i < UNITS.length; i++) {
                if (UNITS[i].equals(unit)) {
                    exp = i;
                }
            }
            if (exp < 0) {
                throw new IllegalArgumentException("unknown unit \"" + m.group(2) + "\" in size \"" + s + "\"");
            }
            try {
                total = Math.addExact(total, Math.multiplyExact(Long.parseLong(m.group(1)), 1L << (10 * exp)));
            } catch (ArithmeticException | NumberFormatException e) {
                throw new IllegalArgumentException("size out of range: \"" + s + "\"");
            }
            pos = m.end();
        }
        return total;
    }

    /** The largest unit that divides the size exactly, as Prometheus prints it; "0B" for 0. */
    public static String format(long bytes) {
        if (bytes == 0) {
            return "0B";
        }
        for (int i = UNITS.length - 1; i > 0; i--) {
            long unit = 1L << (10 * i);
            if (bytes % unit == 0) {
                return (bytes / unit) + UNITS[i];
            }
        }
        return bytes + "B";
    }
}
