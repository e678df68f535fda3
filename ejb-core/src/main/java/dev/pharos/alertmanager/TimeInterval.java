package dev.pharos.alertmanager;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One {@code time_interval_spec}: every non-empty field must match; within a field any range
 * may match. Times are [start, end) in minutes of the day; other ranges are inclusive.
 */
public record TimeInterval(List<int[]> times, List<int[]> weekdays, List<int[]> daysOfMonth,
        List<int[]> months, List<int[]> years, ZoneId location) {

    private static final Map<String, Integer> WEEKDAYS = Map.of(
            "sunday", 0, "monday", 1, "tuesday", 2, "wednesday", 3, "thursday", 4, "friday", 5, "saturday", 6);
    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("january", 1), Map.entry("february", 2), Map.entry("march", 3), Map.entry("april", 4),
            Map.entry("may", 5), Map.entry("june", 6), Map.entry("july", 7), Map.entry("august", 8),
            Map.entry("september", 9), Map.entry("october", 10), Map.entry("november", 11),
            Map.entry("december", 12));

    public boolean contains(Instant instant) {
        ZonedDateTime t = instant.atZone(location == null ? ZoneOffset.UTC : location);
        if (!times.isEmpty()) {
            int minute = t.getHour() * 60 + t.getMinute();
            if (times.stream().noneMatch(r -> minute >= r[0] && minute < r[1])) {
                return false;
            }
        }
        if (!daysOfMonth.isEmpty()) {
            int days = t.toLocalDate().lengthOfMonth();
            boolean in = false;
            for (int[] r : daysOfMonth) {
                int begin = r[0] < 0 ? days + r[0] + 1 : r[0];
                int end = r[1] < 0 ? days + r[1] + 1 : r[1];
                if (begin > days) {
                    continue;
                }
                begin = Math.max(-days, Math.min(days, begin));
                end = Math.max(-days, Math.min(days, end));
                if (t.getDayOfMonth() >= begin && t.getDayOfMonth() <= end) {
                    in = true;
                    break;
                }
            }
            if (!in) {
                return false;
            }
        }
        int weekday = t.getDayOfWeek().getValue() % 7;
        return inAny(weekdays, weekday) && inAny(months, t.getMonthValue()) && inAny(years, t.getYear());
    }

    private static boolean inAny(List<int[]> ranges, int v) {
        return ranges.isEmpty() || ranges.stream().anyMatch(r -> v >= r[0] && v <= r[1]);
    }

    /** "HH:MM" to minutes of day, 00:00 to 24:00. */
    public static int parseTimeOfDay(String s) {
        String[] p = s.split(":", -1);
        if (p.length != 2 || p[0].length() != 2 || p[1].length() != 2) {
            throw new IllegalArgumentException("couldn't parse timestamp " + s + ", invalid format");
        }
        int h;
        int m;
        try {
            h = Integer.parseInt(p[0]);
            m = Integer.parseInt(p[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("couldn't parse timestamp " + s + ", invalid format");
        }
        if (h < 0 || h > 24 || m < 0 || m > 59 || (h == 24 && m != 0)) {
            throw new IllegalArgumentException("timestamp " + s + " out of range");
        }
        return h * 60 + m;
    }

    public static int[] timeRange(String start, String end) {
        int s = parseTimeOfDay(start);
        int e = parseTimeOfDay(end);
        if (s >= e) {
            throw new IllegalArgumentException("start time cannot be equal or greater than end time");
        }
        return new int[] {s, e};
    }

    public static int[] weekdayRange(String spec) {
        int[] r = range(spec, TimeInterval::weekday);
        if (r[0] > r[1]) {
            throw new IllegalArgumentException("start day cannot be before end day");
        }
        return r;
    }

    public static int[] monthRange(String spec) {
        int[] r = range(spec, TimeInterval::month);
        if (r[0] > r[1]) {
            throw new IllegalArgumentException("end month " + r[1] + " is before start month " + r[0]);
        }
        return r;
    }

    public static int[] yearRange(String spec) {
        int[] r = range(spec, v -> number(v, "year"));
        if (r[0] > r[1]) {
            throw new IllegalArgumentException("end year " + r[1] + " is before start year " + r[0]);
        }
        return r;
    }

    public static int[] dayOfMonthRange(String spec) {
        int[] r = range(spec, v -> {
            int d = number(v, "day of month");
            if (d == 0 || d < -31 || d > 31) {
                throw new IllegalArgumentException(d + " is not a valid day of the month: out of range");
            }
            return d;
        });
        if (r[0] < 0 && r[1] > 0) {
            throw new IllegalArgumentException("end day must be negative if start day is negative");
        }
        if (((r[0] > 0 && r[1] > 0) || (r[0] < 0 && r[1] < 0)) && r[0] > r[1]) {
            throw new IllegalArgumentException("end day " + r[1] + " is before start day " + r[0]);
        }
        return r;
    }

    public static ZoneId location(String name) {
        if (name == null || name.isEmpty() || name.equals("UTC")) {
            return ZoneOffset.UTC;
        }
        if (name.equals("Local")) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(name);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("unknown time zone " + name);
        }
    }

    private interface Parse {
        int apply(String s);
    }

    private static int[] range(String spec, Parse p) {
        // Negative days contain '-', not ':', so a colon always separates a range.
        int colon = spec.indexOf(':');
        if (colon < 0) {
            int v = p.apply(spec.trim());
            return new int[] {v, v};
        }
        return new int[] {p.apply(spec.substring(0, colon).trim()), p.apply(spec.substring(colon + 1).trim())};
    }

    private static int weekday(String s) {
        Integer d = WEEKDAYS.get(s.toLowerCase(Locale.ROOT));
        if (d == null) {
            throw new IllegalArgumentException(s + " is not a valid weekday");
        }
        return d;
    }

    private static int month(String s) {
        Integer m = MONTHS.get(s.toLowerCase(Locale.ROOT));
        if (m != null) {
            return m;
        }
        int n = number(s, "month");
        if (n < 1 || n > 12) {
            throw new IllegalArgumentException(s + " is not a valid month");
        }
        return n;
    }

    private static int number(String s, String what) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid " + what + " " + GoQuote.quote(s));
        }
    }
}
