package dev.pharos.template.alertdata;

import dev.pharos.template.GoMethods;
import dev.pharos.template.GoTyped;
import dev.pharos.template.StringSlice;
import dev.pharos.template.TemplateFunction;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Alertmanager's template.KV (map[string]string) with the methods templates call:
 * SortedPairs (alertname first, then by name), Names, Values, Remove. Immutable.
 */
public final class KV extends AbstractMap<String, String> implements GoMethods, GoTyped {
    public static final KV EMPTY = new KV(Map.of());

    private final Map<String, String> map;

    public KV(Map<String, String> map) {
        this.map = Collections.unmodifiableMap(new TreeMap<>(map));
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return map.entrySet();
    }

    @Override
    public String get(Object key) {
        return map.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return map.containsKey(key);
    }

    @Override
    public String goTypeName() {
        return "template.KV";
    }

    /** Pairs sorted by name with "alertname" first. */
    public Pairs sortedPairs() {
        List<String> keys = new ArrayList<>(map.keySet());
        boolean hasAlertname = keys.remove("alertname");
        Collections.sort(keys);
        if (hasAlertname) {
            keys.add(0, "alertname");
        }
        Pairs p = new Pairs();
        for (String k : keys) {
            p.add(new Pair(k, map.get(k)));
        }
        return p;
    }

    public StringSlice names() {
        return sortedPairs().names();
    }

    public StringSlice values() {
        return sortedPairs().values();
    }

    /** A copy without the given keys. */
    public KV remove(List<String> keys) {
        Map<String, String> m = new TreeMap<>(map);
        if (keys != null) {
            for (String k : keys) {
                m.remove(k);
            }
        }
        return new KV(m);
    }

    @Override
    public TemplateFunction goMethod(String name) {
        switch (name) {
            case "SortedPairs":
                return TemplateFunction.of(name, a -> sortedPairs());
            case "Names":
                return TemplateFunction.of(name, a -> names());
            case "Values":
                return TemplateFunction.of(name, a -> values());
            case "Remove":
                return TemplateFunction.of(name, a -> {
                    @SuppressWarnings("unchecked")
                    List<String> keys = (List<String>) a[0];
                    return remove(keys);
                }, TemplateFunction.Arg.STRINGS);
            default:
                return null;
        }
    }
}
