package dev.pharos.template;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The functions a template may call besides Go's builtins (and, or, len, index, printf...).
 * Immutable; build variants with {@link #with} and {@link #without}. Function names are checked
 * at parse time, as Go does ("function \"x\" not defined").
 */
public final class FunctionSet {

    private static final FunctionSet EMPTY = new FunctionSet(Map.of());

    private final Map<String, TemplateFunction> functions;

    private FunctionSet(Map<String, TemplateFunction> functions) {
        this.functions = Collections.unmodifiableMap(new LinkedHashMap<>(functions));
    }

    /** Only Go's builtins. */
    public static FunctionSet builtinsOnly() {
        return EMPTY;
    }

    /**
     * The Prometheus template functions as documented (reference/prometheus template_reference.md),
     * including toDuration, now and urlQueryEscape which Prometheus 2.42 did not have.
     */
    public static FunctionSet prometheus(QueryFunction query, String externalURL) {
        return prometheus(query, externalURL, System::currentTimeMillis);
    }

    /** As {@link #prometheus(QueryFunction, String)} with the evaluation time for {@code now} in ms. */
    public static FunctionSet prometheus(QueryFunction query, String externalURL, LongSupplier nowMillis) {
        return new FunctionSet(PrometheusFunctions.all(query, externalURL, nowMillis));
    }

    /** Exactly the function set of Prometheus 2.42 (the conformance goldens' version). */
    public static FunctionSet prometheusV2_42(QueryFunction query, String externalURL) {
        return prometheus(query, externalURL).without("toDuration", "now", "urlQueryEscape");
    }

    /**
     * The Alertmanager notification template functions as documented (reference/alertmanager
     * notifications.md): toUpper, toLower, title, trimSpace, join, match, safeHtml, safeUrl,
     * urlUnescape, reReplaceAll, stringSlice, date, tz, since, humanizeDuration, list, append,
     * dict, toJson, base64encode/decode, now.
     */
    public static FunctionSet alertmanager() {
        return alertmanager(System::currentTimeMillis);
    }

    public static FunctionSet alertmanager(LongSupplier nowMillis) {
        return new FunctionSet(AlertmanagerFunctions.all(nowMillis));
    }

    /** Exactly the function set of Alertmanager 0.25 (the conformance goldens' version). */
    public static FunctionSet alertmanagerV0_25() {
        Map<String, TemplateFunction> all = AlertmanagerFunctions.all(System::currentTimeMillis);
        Map<String, TemplateFunction> m = new LinkedHashMap<>();
        for (String n : new String[] {"toUpper", "toLower", "title", "join", "match", "safeHtml", "reReplaceAll",
            "stringSlice"}) {
            m.put(n, all.get(n));
        }
        return new FunctionSet(m);
    }

    /** This set plus (or overriding) the given functions. */
    public FunctionSet with(TemplateFunction... fns) {
        Map<String, TemplateFunction> m = new LinkedHashMap<>(functions);
        for (TemplateFunction f : fns) {
            m.put(f.name(), f);
        }
        return new FunctionSet(m);
    }

    /** This set without the named functions. */
    public FunctionSet without(String... names) {
        Map<String, TemplateFunction> m = new LinkedHashMap<>(functions);
        for (String n : names) {
            m.remove(n);
        }
        return new FunctionSet(m);
    }

    public boolean has(String name) {
        return functions.containsKey(name);
    }

    public TemplateFunction get(String name) {
        return functions.get(name);
    }

    public Set<String> names() {
        return functions.keySet();
    }
}
