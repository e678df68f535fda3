package dev.pharos.template;

import static dev.pharos.template.TemplateFunction.Arg.ANY;
import static dev.pharos.template.TemplateFunction.Arg.STRING;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Prometheus template functions (web/template and rules), with Prometheus' semantics and errors. */
final class PrometheusFunctions {
    private PrometheusFunctions() {
    }

    static Map<String, TemplateFunction> all(QueryFunction query, String externalURL, LongSupplier nowMillis) {
        Map<String, TemplateFunction> m = new LinkedHashMap<>();
        put(m, TemplateFunction.of("query", a -> {
            if (query == null) {
                throw new FunctionError("no query function configured");
            }
            List<QuerySample> r = query.query((String) a[0]);
            return new QueryResult(r == null ? List.of() : r);
        }, STRING));
        put(m, TemplateFunction.of("first", a -> {
            List<?> v = asList(a[0], "first");
            if (!v.isEmpty()) {
                return v.get(0);
            }
            throw new FunctionError("first() called on vector with no elements");
        }, ANY));
        put(m, TemplateFunction.of("label", a -> {
            QuerySample s = sample(a[1]);
            return s == null ? "" : s.labels().getOrDefault((String) a[0], "");
        }, STRING, ANY));
        put(m, TemplateFunction.of("value", a -> {
            QuerySample s = sample(a[0]);
            return s == null ? 0.0 : s.value();
        }, ANY));
        put(m, TemplateFunction.of("strvalue", a -> {
            QuerySample s = sample(a[0]);
            return s == null ? "" : s.labels().getOrDefault("__value__", "");
        }, ANY));
        put(m, TemplateFunction.variadic("args", a -> {
            AnyMap r = new AnyMap();
            for (int i = 0; i < a.length; i++) {
                r.put("arg" + i, a[i]);
            }
            return r;
        }, ANY));
        put(m, TemplateFunction.of("reReplaceAll",
                a -> TextFunctions.reReplaceAll((String) a[0], (String) a[1], (String) a[2]), STRING, STRING, STRING));
        put(m, TemplateFunction.of("safeHtml", a -> new SafeHtml((String) a[0]), STRING));
        put(m, TemplateFunction.of("match", a -> TextFunctions.match((String) a[0], (String) a[1]), STRING, STRING));
        put(m, TemplateFunction.of("title", a -> TextFunctions.stringsTitle((String) a[0]), STRING));
        put(m, TemplateFunction.of("toUpper", a -> TextFunctions.toUpper((String) a[0]), STRING));
        put(m, TemplateFunction.of("toLower", a -> TextFunctions.toLower((String) a[0]), STRING));
        put(m, TemplateFunction.of("graphLink",
                a -> "/graph?g0.expr=" + Builtins.queryEscape((String) a[0]) + "&g0.tab=0", STRING));
        put(m, TemplateFunction.of("tableLink",
                a -> "/graph?g0.expr=" + Builtins.queryEscape((String) a[0]) + "&g0.tab=1", STRING));
        put(m, TemplateFunction.of("sortByLabel", a -> {
            List<?> v = asList(a[1], "sortByLabel");
            String label = (String) a[0];
            List<QuerySample> copy = new ArrayList<>();
            for (Object o : v) {
                copy.add(sample(o));
            }
            // List.sort is stable, as Go's sort.Stable
            copy.sort((x, y) -> GoValues.compareStrings(x.labels().getOrDefault(label, ""),
                    y.labels().getOrDefault(label, "")));
            return new QueryResult(copy);
        }, STRING, ANY));
        put(m, TemplateFunction.of("humanize", a -> humanize(TextFunctions.toFloat(a[0])), ANY));
        put(m, TemplateFunction.of("humanize1024", a -> humanize1024(TextFunctions.toFloat(a[0])), ANY));
        put(m, TemplateFunction.of("humanizeDuration", a -> humanizeDuration(TextFunctions.toFloat(a[0])), ANY));
        put(m, TemplateFunction.of("humanizePercentage",
                a -> GoFmt.sprintf("%.4g%%", TextFunctions.toFloat(a[0]) * 100), ANY));
        put(m, TemplateFunction.of("humanizeTimestamp", a -> {
            double v = TextFunctions.toFloat(a[0]);
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                return GoFmt.sprintf("%.4g", v);
            }
            return floatToTime(v).goString();
        }, ANY));
        put(m, TemplateFunction.of("toTime", a -> {
            double v = TextFunctions.toFloat(a[0]);
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                throw new FunctionError("value is NaN or Inf");
            }
            return floatToTime(v);
        }, ANY));
        put(m, TemplateFunction.of("toDuration", a -> {
            double v = TextFunctions.toFloat(a[0]);
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                throw new FunctionError("value is NaN or Inf");
            }
            return new GoDuration(Math.round(v * 1e9));
        }, ANY));
        put(m, TemplateFunction.of("now", a -> nowMillis.getAsLong() / 1000.0));
        put(m, TemplateFunction.of("pathPrefix", a -> pathOf(externalURL)));
        put(m, TemplateFunction.of("externalURL", a -> externalURL));
        put(m, TemplateFunction.of("stripPort", a -> stripPort((String) a[0]), STRING));
        put(m, TemplateFunction.of("stripDomain", a -> stripDomain((String) a[0]), STRING));
        put(m, TemplateFunction.of("parseDuration", a -> parseDuration((String) a[0]), STRING));
        put(m, TemplateFunction.of("urlQueryEscape", a -> Builtins.queryEscape((String) a[0]), STRING));
        return m;
    }

    private static void put(Map<String, TemplateFunction> m, TemplateFunction f) {
        m.put(f.name(), f);
    }

    private static List<?> asList(Object o, String fn) {
        if (o == null) {
            return List.of();
        }
        if (o instanceof List) {
            return (List<?>) o;
        }
        throw new FunctionError("wrong type for value; expected template.queryResult; got " + GoValues.typeName(o));
    }

    private static QuerySample sample(Object o) {
        if (o == null || o instanceof QuerySample) {
            return (QuerySample) o;
        }
        throw new FunctionError("wrong type for value; expected *template.sample; got " + GoValues.typeName(o));
    }

    static String humanize(double v) {
        if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
            return GoFmt.sprintf("%.4g", v);
        }
        if (Math.abs(v) >= 1) {
            String prefix = "";
            for (String p : new String[] {"k", "M", "G", "T", "P", "E", "Z", "Y"}) {
                if (Math.abs(v) < 1000) {
                    break;
                }
                prefix = p;
                v /= 1000;
            }
            return GoFmt.sprintf("%.4g", v) + prefix;
        }
        String prefix = "";
        for (String p : new String[] {"m", "u", "n", "p", "f", "a", "z", "y"}) {
            if (Math.abs(v) >= 1) {
                break;
            }
            prefix = p;
            v *= 1000;
        }
        return GoFmt.sprintf("%.4g", v) + prefix;
    }

    static String humanize1024(double v) {
        if (Math.abs(v) <= 1 || Double.isNaN(v) || Double.isInfinite(v)) {
            return GoFmt.sprintf("%.4g", v);
        }
        String prefix = "";
        for (String p : new String[] {"ki", "Mi", "Gi", "Ti", "Pi", "Ei", "Zi", "Yi"}) {
            if (Math.abs(v) < 1024) {
                break;
            }
            prefix = p;
            v /= 1024;
        }
        return GoFmt.sprintf("%.4g", v) + prefix;
    }

    static String humanizeDuration(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return GoFmt.sprintf("%.4g", v);
        }
        if (v == 0) {
            return GoFmt.sprintf("%.4gs", v);
        }
        if (Math.abs(v) >= 1) {
            String sign = "";
            if (v < 0) {
                sign = "-";
                v = -v;
            }
            long duration = (long) v;
            long seconds = duration % 60;
            long minutes = (duration / 60) % 60;
            long hours = (duration / 60 / 60) % 24;
            long days = duration / 60 / 60 / 24;
            if (days != 0) {
                return sign + days + "d " + hours + "h " + minutes + "m " + seconds + "s";
            }
            if (hours != 0) {
                return sign + hours + "h " + minutes + "m " + seconds + "s";
            }
            if (minutes != 0) {
                return sign + minutes + "m " + seconds + "s";
            }
            return sign + GoFmt.sprintf("%.4g", v) + "s";
        }
        String prefix = "";
        for (String p : new String[] {"m", "u", "n", "p", "f", "a", "z", "y"}) {
            if (Math.abs(v) >= 1) {
                break;
            }
            prefix = p;
            v *= 1000;
        }
        return GoFmt.sprintf("%.4g", v) + prefix + "s";
    }

    /** Seconds to a UTC time with millisecond precision, as Prometheus' model.Time does. */
    static GoTime floatToTime(double v) {
        double ns = v * 1e9;
        if (ns > 9.223372036854775807e18 || ns < -9.223372036854775808e18) {
            throw new FunctionError(GoFmt.valueString(v)
                    + " cannot be represented as a nanoseconds timestamp since it overflows int64");
        }
        long nanos = (long) ns;
        long millis = nanos / 1_000_000; // Go integer division truncates toward zero
        return GoTime.utc(Instant.ofEpochMilli(millis));
    }

    private static String pathOf(String externalURL) {
        if (externalURL == null) {
            return "";
        }
        try {
            String p = URI.create(externalURL).getRawPath();
            return p == null ? "" : p;
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** net.SplitHostPort; null on error. */
    static String[] splitHostPort(String hp) {
        int i = hp.lastIndexOf(':');
        if (i < 0) {
            return null;
        }
        String host;
        int j = 0;
        int k = 0;
        if (!hp.isEmpty() && hp.charAt(0) == '[') {
            int end = hp.indexOf(']');
            if (end < 0) {
                return null;
            }
            if (end + 1 == hp.length()) {
                return null;
            } else if (end + 1 != i) {
                return null;
            }
            host = hp.substring(1, end);
            j = 1;
            k = end + 1;
        } else {
            host = hp.substring(0, i);
            if (host.indexOf(':') >= 0) {
                return null;
            }
        }
        if (hp.indexOf('[', j) >= 0 || hp.indexOf(']', k) >= 0) {
            return null;
        }
        return new String[] {host, hp.substring(i + 1)};
    }

    static String stripPort(String hp) {
        String[] s = splitHostPort(hp);
        return s == null ? hp : s[0];
    }

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    private static boolean isIp(String host) {
        if (IPV4.matcher(host).matches()) {
            return true;
        }
        return host.indexOf(':') >= 0 && host.matches("[0-9A-Fa-f:.]+");
    }

    static String stripDomain(String hp) {
        String[] s = splitHostPort(hp);
        String host = s == null ? hp : s[0];
        String port = s == null ? "" : s[1];
        if (isIp(host)) {
            return hp;
        }
        int dot = host.indexOf('.');
        if (dot >= 0) {
            host = host.substring(0, dot);
        }
        if (!port.isEmpty()) {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
        return host;
    }

    private static final Pattern DURATION = Pattern.compile(
            "^(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?$");

    /** Prometheus model.ParseDuration, in seconds. */
    static double parseDuration(String s) {
        if (s.equals("0")) {
            return 0.0;
        }
        Matcher m = DURATION.matcher(s);
        if (s.isEmpty() || !m.matches()) {
            throw new FunctionError("not a valid duration string: " + GoFmt.quote(s));
        }
        long[] unitMs = {365L * 24 * 3600 * 1000, 7L * 24 * 3600 * 1000, 24L * 3600 * 1000, 3600L * 1000, 60L * 1000,
            1000L, 1L};
        long ms = 0;
        for (int u = 0; u < unitMs.length; u++) {
            String g = m.group(2 + 2 * u);
            if (g != null) {
                try {
                    ms = Math.addExact(ms, Math.multiplyExact(Long.parseLong(g), unitMs[u]));
                } catch (ArithmeticException | NumberFormatException e) {
                    throw new FunctionError("duration out of range");
                }
            }
        }
        return ms / 1000.0;
    }
}
