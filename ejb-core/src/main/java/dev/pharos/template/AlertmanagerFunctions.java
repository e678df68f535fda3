package dev.pharos.template;

import static dev.pharos.template.TemplateFunction.Arg.ANY;
import static dev.pharos.template.TemplateFunction.Arg.LIST;
import static dev.pharos.template.TemplateFunction.Arg.STRING;
import static dev.pharos.template.TemplateFunction.Arg.STRINGS;
import static dev.pharos.template.TemplateFunction.Arg.TIME;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/** The Alertmanager notification template functions (template/template.go DefaultFuncs). */
final class AlertmanagerFunctions {
    private AlertmanagerFunctions() {
    }

    static Map<String, TemplateFunction> all(LongSupplier nowMillis) {
        Map<String, TemplateFunction> m = new LinkedHashMap<>();
        put(m, TemplateFunction.of("toUpper", a -> TextFunctions.toUpper((String) a[0]), STRING));
        put(m, TemplateFunction.of("toLower", a -> TextFunctions.toLower((String) a[0]), STRING));
        put(m, TemplateFunction.of("title", a -> TextFunctions.casesTitle((String) a[0]), STRING));
        put(m, TemplateFunction.of("trimSpace", a -> TextFunctions.trimSpace((String) a[0]), STRING));
        // join inverts strings.Join's argument order for pipelining
        put(m, TemplateFunction.of("join", a -> {
            List<?> l = (List<?>) a[1];
            StringBuilder sb = new StringBuilder();
            if (l != null) {
                for (int i = 0; i < l.size(); i++) {
                    if (i > 0) {
                        sb.append((String) a[0]);
                    }
                    sb.append((String) l.get(i));
                }
            }
            return sb.toString();
        }, STRING, STRINGS));
        put(m, TemplateFunction.of("match", a -> TextFunctions.match((String) a[0], (String) a[1]), STRING, STRING));
        put(m, TemplateFunction.of("safeHtml", a -> new SafeHtml((String) a[0]), STRING));
        put(m, TemplateFunction.of("safeUrl", a -> new SafeUrl((String) a[0]), STRING));
        put(m, TemplateFunction.of("urlUnescape", a -> TextFunctions.queryUnescape((String) a[0]), STRING));
        put(m, TemplateFunction.of("reReplaceAll",
                a -> TextFunctions.reReplaceAll((String) a[0], (String) a[1], (String) a[2]), STRING, STRING, STRING));
        put(m, TemplateFunction.variadic("stringSlice", a -> {
            StringSlice s = new StringSlice();
            for (Object o : a) {
                s.add((String) o);
            }
            return s;
        }, STRING));
        put(m, TemplateFunction.of("date", a -> ((GoTime) a[1]).format((String) a[0]), STRING, TIME));
        put(m, TemplateFunction.of("tz", a -> {
            String name = (String) a[0];
            ZoneId z;
            try {
                z = name.isEmpty() || name.equals("UTC") ? ZoneOffset.UTC : ZoneId.of(name);
            } catch (DateTimeException e) {
                throw new FunctionError("unknown time zone " + name);
            }
            return ((GoTime) a[1]).in(z);
        }, STRING, TIME));
        put(m, TemplateFunction.of("since",
                a -> GoTime.utc(Instant.ofEpochMilli(nowMillis.getAsLong())).sub((GoTime) a[0]), TIME));
        put(m, TemplateFunction.of("humanizeDuration",
                a -> PrometheusFunctions.humanizeDuration(TextFunctions.toFloat(a[0])), ANY));
        put(m, TemplateFunction.of("now", a -> GoTime.utc(Instant.ofEpochMilli(nowMillis.getAsLong()))));
        put(m, TemplateFunction.variadic("list", a -> new ArrayList<>(Arrays.asList(a)), ANY));
        put(m, TemplateFunction.variadic("append", a -> {
            List<Object> l = new ArrayList<>();
            if (a[0] != null) {
                l.addAll((List<?>) a[0]);
            }
            l.addAll(Arrays.asList(a).subList(1, a.length));
            return l;
        }, LIST, ANY));
        put(m, TemplateFunction.variadic("dict", a -> {
            if (a.length % 2 != 0) {
                throw new FunctionError("invalid dict call: odd number of arguments");
            }
            AnyMap d = new AnyMap();
            for (int i = 0; i < a.length; i += 2) {
                if (!(a[i] instanceof String)) {
                    throw new FunctionError("dict keys must be strings");
                }
                d.put((String) a[i], a[i + 1]);
            }
            return d;
        }, ANY));
        put(m, TemplateFunction.of("toJson", a -> Json.encode(a[0]), ANY));
        put(m, TemplateFunction.of("base64encode",
                a -> Base64.getUrlEncoder().encodeToString(((String) a[0]).getBytes(StandardCharsets.UTF_8)), STRING));
        put(m, TemplateFunction.of("base64decode", a -> {
            try {
                return new String(Base64.getUrlDecoder().decode((String) a[0]), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new FunctionError("illegal base64 data: " + e.getMessage());
            }
        }, STRING));
        return m;
    }

    private static void put(Map<String, TemplateFunction> m, TemplateFunction f) {
        m.put(f.name(), f);
    }
}
