package dev.pharos.web.api;

import dev.pharos.config.PromDurations;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Request parameters as Prometheus reads them: from the URL and, for POST, from the
 * form body; times as RFC 3339 or Unix seconds, durations as seconds or Prometheus
 * duration strings.
 */
public final class ApiParams {

    /** Prometheus's min and max API times, used for absent start/end. */
    public static final long MIN_TIME = -62135596800000L + 1000 * 60 * 60 * 24 * 365L * 0;
    public static final long MAX_TIME = 253402300799000L;

    private final MultivaluedMap<String, String> values = new MultivaluedHashMap<>();

    public ApiParams(UriInfo uri, MultivaluedMap<String, String> form) {
        uri.getQueryParameters().forEach((k, v) -> values.addAll(k, v));
        if (form != null) {
            form.forEach((k, v) -> values.addAll(k, v));
        }
    }

    public String get(String name) {
        return values.getFirst(name);
    }

    public List<String> all(String name) {
        List<String> v = values.get(name);
        return v == null ? List.of() : v;
    }

    public boolean has(String name) {
        String v = get(name);
        return v != null && !v.isEmpty();
    }

    /** A time parameter in milliseconds, or {@code dflt} if absent. */
    public long time(String name, long dflt) throws BadParameter {
        String s = get(name);
        if (s == null || s.isEmpty()) {
            return dflt;
        }
        return parseTime(name, s);
    }

    public static long parseTime(String name, String s) throws BadParameter {
        try {
            BigDecimal d = new BigDecimal(s);
            return d.movePointRight(3).setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            // not a number: try RFC 3339
        }
        try {
            return OffsetDateTime.parse(s).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            // Prometheus accepts the min/max time strings Go prints.
        }
        throw new BadParameter(name, "cannot parse \"" + s + "\" to a valid timestamp");
    }

    /** A duration parameter in milliseconds, or {@code dflt} if absent. */
    public long duration(String name, long dflt) throws BadParameter {
        String s = get(name);
        if (s == null || s.isEmpty()) {
            return dflt;
        }
        try {
            double secs = Double.parseDouble(s);
            double ms = secs * 1000;
            if (Double.isNaN(ms) || Double.isInfinite(ms) || ms >= Long.MAX_VALUE || ms <= Long.MIN_VALUE) {
                throw new BadParameter(name, "cannot parse \"" + s + "\" to a valid duration. It overflows int64");
            }
            return Math.round(ms);
        } catch (NumberFormatException e) {
            // not a number: a duration string
        }
        try {
            return PromDurations.parse(s).toMillis();
        } catch (RuntimeException e) {
            throw new BadParameter(name, "cannot parse \"" + s + "\" to a valid duration");
        }
    }

    /** An invalid parameter; the message is Prometheus's {@code invalid parameter "x": ...}. */
    public static final class BadParameter extends Exception {
        public BadParameter(String name, String reason) {
            super("invalid parameter \"" + name + "\": " + reason, null, false, false);
        }
    }
}
