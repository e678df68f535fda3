package dev.pharos.template;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;

/**
 * Go's time.Time as templates see it: printing ("2024-03-01 10:00:00 +0000 UTC"), Format with
 * Go reference layouts, and the common methods (Unix, Sub, IsZero, UTC, Add, In...).
 * Zone name is the abbreviation Go would print; an empty name prints the numeric offset.
 */
public final class GoTime implements GoStringer, GoMethods, GoStruct {

    /** Go's zero time, 0001-01-01 00:00:00 UTC. */
    public static final GoTime ZERO = new GoTime(Instant.parse("0001-01-01T00:00:00Z"), ZoneOffset.UTC, "UTC");

    private final Instant instant;
    private final ZoneId zone;
    private final String zoneName;

    public GoTime(Instant instant, ZoneId zone, String zoneName) {
        this.instant = instant;
        this.zone = zone;
        this.zoneName = zoneName;
    }

    public static GoTime utc(Instant instant) {
        return new GoTime(instant, ZoneOffset.UTC, "UTC");
    }

    /** Parses RFC 3339 as Go's JSON decoding of time.Time does ("Z" gives UTC, offsets give an unnamed zone). */
    public static GoTime parseRfc3339(String s) {
        try {
            OffsetDateTime odt = OffsetDateTime.parse(s);
            if (s.endsWith("Z") || s.endsWith("z")) {
                return new GoTime(odt.toInstant(), ZoneOffset.UTC, "UTC");
            }
            return new GoTime(odt.toInstant(), odt.getOffset(), "");
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("parsing time " + GoFmt.quote(s) + " as RFC 3339: " + e.getMessage(), e);
        }
    }

    public Instant instant() {
        return instant;
    }

    public boolean isZero() {
        return instant.equals(ZERO.instant);
    }

    private ZonedDateTime local() {
        return instant.atZone(zone);
    }

    private String zoneAbbrev() {
        if (!zoneName.isEmpty()) {
            return zoneName;
        }
        ZoneOffset off = local().getOffset();
        if (zone instanceof ZoneOffset) {
            return numericZone(off.getTotalSeconds(), false, false);
        }
        String n = zone.getDisplayName(TextStyle.SHORT, Locale.ROOT);
        String abbr = java.util.TimeZone.getTimeZone(zone).getDisplayName(
                java.util.TimeZone.getTimeZone(zone).inDaylightTime(java.util.Date.from(instant)),
                java.util.TimeZone.SHORT, Locale.ROOT);
        if (abbr != null && !abbr.startsWith("GMT") && !abbr.isEmpty()) {
            return abbr;
        }
        return n.startsWith("GMT") || n.contains("/") ? numericZone(off.getTotalSeconds(), false, false) : n;
    }

    private static String numericZone(int secs, boolean colon, boolean shortForm) {
        char sign = secs < 0 ? '-' : '+';
        int a = Math.abs(secs);
        int h = a / 3600;
        int m = a / 60 % 60;
        String s = sign + String.format("%02d", h);
        if (shortForm) {
            return s;
        }
        return s + (colon ? ":" : "") + String.format("%02d", m);
    }

    @Override
    public String goTypeName() {
        return "time.Time";
    }

    /** time.Time.String. */
    @Override
    public String goString() {
        return format("2006-01-02 15:04:05.999999999 -0700 MST");
    }

    @Override
    public String toString() {
        return goString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GoTime && ((GoTime) o).instant.equals(instant) && ((GoTime) o).zone.equals(zone);
    }

    @Override
    public int hashCode() {
        return instant.hashCode();
    }

    @Override
    public List<String> goFieldNames() {
        return List.of("wall", "ext", "loc");
    }

    @Override
    public Object goField(String name) {
        return NO_FIELD;
    }

    public GoTime in(ZoneId z) {
        return new GoTime(instant, z, z.equals(ZoneOffset.UTC) ? "UTC" : "");
    }

    @Override
    public TemplateFunction goMethod(String name) {
        switch (name) {
            case "Format":
                return TemplateFunction.of(name, a -> format((String) a[0]), TemplateFunction.Arg.STRING);
            case "String":
                return TemplateFunction.of(name, a -> goString());
            case "Unix":
                return TemplateFunction.of(name, a -> instant.getEpochSecond());
            case "UnixMilli":
                return TemplateFunction.of(name, a -> instant.toEpochMilli());
            case "UnixNano":
                return TemplateFunction.of(name, a -> instant.getEpochSecond() * 1_000_000_000L + instant.getNano());
            case "IsZero":
                return TemplateFunction.of(name, a -> isZero());
            case "UTC":
                return TemplateFunction.of(name, a -> new GoTime(instant, ZoneOffset.UTC, "UTC"));
            case "Local":
                return TemplateFunction.of(name, a -> new GoTime(instant, ZoneOffset.UTC, "UTC"));
            case "Sub":
                return TemplateFunction.of(name, a -> sub((GoTime) a[0]), TemplateFunction.Arg.TIME);
            case "Add":
                return TemplateFunction.of(name, a -> add(a[0]), TemplateFunction.Arg.ANY);
            case "Before":
                return TemplateFunction.of(name, a -> instant.isBefore(((GoTime) a[0]).instant), TemplateFunction.Arg.TIME);
            case "After":
                return TemplateFunction.of(name, a -> instant.isAfter(((GoTime) a[0]).instant), TemplateFunction.Arg.TIME);
            case "Equal":
                return TemplateFunction.of(name, a -> instant.equals(((GoTime) a[0]).instant), TemplateFunction.Arg.TIME);
            case "Year":
                return TemplateFunction.of(name, a -> (long) local().getYear());
            case "Month":
                return TemplateFunction.of(name, a -> (long) local().getMonthValue());
            case "Day":
                return TemplateFunction.of(name, a -> (long) local().getDayOfMonth());
            case "Hour":
                return TemplateFunction.of(name, a -> (long) local().getHour());
            case "Minute":
                return TemplateFunction.of(name, a -> (long) local().getMinute());
            case "Second":
                return TemplateFunction.of(name, a -> (long) local().getSecond());
            case "Nanosecond":
                return TemplateFunction.of(name, a -> (long) local().getNano());
            case "YearDay":
                return TemplateFunction.of(name, a -> (long) local().getDayOfYear());
            case "Weekday":
                return TemplateFunction.of(name, a -> local().getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
            default:
                return null;
        }
    }

    public GoDuration sub(GoTime other) {
        long s = instant.getEpochSecond() - other.instant.getEpochSecond();
        long n = instant.getNano() - other.instant.getNano();
        try {
            return new GoDuration(Math.addExact(Math.multiplyExact(s, 1_000_000_000L), n));
        } catch (ArithmeticException e) {
            return new GoDuration(s > 0 ? Long.MAX_VALUE : Long.MIN_VALUE);
        }
    }

    private GoTime add(Object d) {
        long nanos;
        if (d instanceof GoDuration) {
            nanos = ((GoDuration) d).nanos();
        } else if (GoValues.isInt(d)) {
            nanos = ((Number) d).longValue();
        } else {
            throw new FunctionError("wrong type for value; expected time.Duration; got " + GoValues.typeName(d));
        }
        return new GoTime(instant.plusNanos(nanos), zone, zoneName);
    }

    // ------------------------------------------------------------ Go layouts

    private static final String[] LONG_DAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
    private static final String[] LONG_MONTHS = {"January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December"};

    /** time.Time.Format with Go's reference layout (Mon Jan 2 15:04:05 MST 2006). */
    public String format(String layout) {
        ZonedDateTime t = local();
        LocalDateTime lt = t.toLocalDateTime();
        int offset = t.getOffset().getTotalSeconds();
        StringBuilder sb = new StringBuilder();
        int i = 0;
        int n = layout.length();
        while (i < n) {
            String rest = layout.substring(i);
            char c = layout.charAt(i);
            if (rest.startsWith("January")) {
                sb.append(LONG_MONTHS[lt.getMonthValue() - 1]);
                i += 7;
            } else if (rest.startsWith("Jan")) {
                sb.append(LONG_MONTHS[lt.getMonthValue() - 1], 0, 3);
                i += 3;
            } else if (rest.startsWith("Monday")) {
                sb.append(dayName(lt.getDayOfWeek()));
                i += 6;
            } else if (rest.startsWith("Mon")) {
                sb.append(dayName(lt.getDayOfWeek()), 0, 3);
                i += 3;
            } else if (rest.startsWith("MST")) {
                sb.append(zoneAbbrev());
                i += 3;
            } else if (rest.startsWith("2006")) {
                sb.append(String.format("%04d", lt.getYear()));
                i += 4;
            } else if (rest.startsWith("002")) {
                sb.append(String.format("%03d", lt.getDayOfYear()));
                i += 3;
            } else if (rest.startsWith("01")) {
                sb.append(String.format("%02d", lt.getMonthValue()));
                i += 2;
            } else if (rest.startsWith("02")) {
                sb.append(String.format("%02d", lt.getDayOfMonth()));
                i += 2;
            } else if (rest.startsWith("03")) {
                sb.append(String.format("%02d", hour12(lt.getHour())));
                i += 2;
            } else if (rest.startsWith("04")) {
                sb.append(String.format("%02d", lt.getMinute()));
                i += 2;
            } else if (rest.startsWith("05")) {
                sb.append(String.format("%02d", lt.getSecond()));
                i += 2;
            } else if (rest.startsWith("06")) {
                sb.append(String.format("%02d", lt.getYear() % 100));
                i += 2;
            } else if (rest.startsWith("_2")) {
                sb.append(String.format("%2d", lt.getDayOfMonth()));
                i += 2;
            } else if (rest.startsWith("15")) {
                sb.append(String.format("%02d", lt.getHour()));
                i += 2;
            } else if (rest.startsWith("Z07:00:00") || rest.startsWith("-07:00:00")) {
                sb.append(zoneSpec(offset, rest.charAt(0) == 'Z', true, true));
                i += 9;
            } else if (rest.startsWith("Z070000") || rest.startsWith("-070000")) {
                sb.append(zoneSpec(offset, rest.charAt(0) == 'Z', false, true));
                i += 7;
            } else if (rest.startsWith("Z07:00") || rest.startsWith("-07:00")) {
                sb.append(offset == 0 && c == 'Z' ? "Z" : numericZone(offset, true, false));
                i += 6;
            } else if (rest.startsWith("Z0700") || rest.startsWith("-0700")) {
                sb.append(offset == 0 && c == 'Z' ? "Z" : numericZone(offset, false, false));
                i += 5;
            } else if (rest.startsWith("Z07") || rest.startsWith("-07")) {
                sb.append(offset == 0 && c == 'Z' ? "Z" : numericZone(offset, false, true));
                i += 3;
            } else if (rest.startsWith("PM")) {
                sb.append(lt.getHour() >= 12 ? "PM" : "AM");
                i += 2;
            } else if (rest.startsWith("pm")) {
                sb.append(lt.getHour() >= 12 ? "pm" : "am");
                i += 2;
            } else if ((c == '.' || c == ',') && i + 1 < n && (layout.charAt(i + 1) == '0' || layout.charAt(i + 1) == '9')
                    && fracEnds(layout, i)) {
                char d = layout.charAt(i + 1);
                int j = i + 1;
                while (j < n && layout.charAt(j) == d) {
                    j++;
                }
                int digits = j - i - 1;
                String f = String.format("%09d", lt.getNano()).substring(0, Math.min(9, digits));
                if (d == '9') {
                    f = f.replaceAll("0+$", "");
                    if (!f.isEmpty()) {
                        sb.append(c).append(f);
                    }
                } else {
                    sb.append(c).append(f);
                }
                i = j;
            } else if (c == '1') {
                sb.append(lt.getMonthValue());
                i += 1;
            } else if (c == '2') {
                sb.append(lt.getDayOfMonth());
                i += 1;
            } else if (c == '3') {
                sb.append(hour12(lt.getHour()));
                i += 1;
            } else if (c == '4') {
                sb.append(lt.getMinute());
                i += 1;
            } else if (c == '5') {
                sb.append(lt.getSecond());
                i += 1;
            } else {
                sb.append(c);
                i += 1;
            }
        }
        return sb.toString();
    }

    /** A fractional-second run must not be followed by another digit (Go's stdFracSecond rule). */
    private static boolean fracEnds(String layout, int i) {
        char d = layout.charAt(i + 1);
        int j = i + 1;
        while (j < layout.length() && layout.charAt(j) == d) {
            j++;
        }
        return j >= layout.length() || !Character.isDigit(layout.charAt(j));
    }

    private static String zoneSpec(int offset, boolean z, boolean colon, boolean seconds) {
        if (offset == 0 && z) {
            return "Z";
        }
        String s = numericZone(offset, colon, false);
        int sec = Math.abs(offset) % 60;
        return s + (colon ? ":" : "") + String.format("%02d", sec);
    }

    private static int hour12(int h) {
        int x = h % 12;
        return x == 0 ? 12 : x;
    }

    private static String dayName(DayOfWeek d) {
        return LONG_DAYS[d.getValue() - 1];
    }
}
