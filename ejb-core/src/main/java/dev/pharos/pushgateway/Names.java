package dev.pharos.pushgateway;

import dev.pharos.model.Labels;
import java.util.Map;
import java.util.SortedMap;

/** The legacy name rules the Pushgateway (without --push.enable-utf8-names) enforces. */
final class Names {

    private Names() {
    }

    /** {@code [a-zA-Z_:][a-zA-Z0-9_:]*} */
    static boolean isMetricName(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c == '_' || c == ':' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                    || (i > 0 && c >= '0' && c <= '9');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** {@code [a-zA-Z_][a-zA-Z0-9_]*} */
    static boolean isLabelName(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && c >= '0' && c <= '9');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * Labels that keep empty values: the Pushgateway exposes {@code instance=""} and empty
     * grouping label values, which {@link Labels.Builder} would drop.
     */
    static Labels keepingEmpty(SortedMap<String, String> sorted) {
        String[] pairs = new String[sorted.size() * 2];
        int i = 0;
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            pairs[i++] = e.getKey();
            pairs[i++] = e.getValue();
        }
        return pairs.length == 0 ? Labels.EMPTY : Labels.fromSortedPairs(pairs);
    }

    /** {@code base} with {@code over}'s pairs set on top, and {@code instance=""} if neither has one. */
    static Labels merge(Labels base, Labels over) {
        java.util.TreeMap<String, String> m = new java.util.TreeMap<>();
        for (int i = 0; i < base.size(); i++) {
            m.put(base.name(i), base.value(i));
        }
        for (int i = 0; i < over.size(); i++) {
            m.put(over.name(i), over.value(i));
        }
        m.putIfAbsent("instance", "");
        return keepingEmpty(m);
    }
}
