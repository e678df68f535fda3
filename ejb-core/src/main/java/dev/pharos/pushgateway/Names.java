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

    /**
     * {@code base} with {@code over}'s pairs set on top, and {@code instance=""} if neither has
     * one. A linear merge of the two sorted pair lists: it runs for every pushed series.
     */
    static Labels merge(Labels base, Labels over) {
        int nb = base.size();
        int no = over.size();
        String[] out = new String[(nb + no + 1) * 2];
        int n = 0;
        int i = 0;
        int j = 0;
        boolean instance = false;
        while (i < nb || j < no) {
            int c = i == nb ? 1 : j == no ? -1 : base.name(i).compareTo(over.name(j));
            String name;
            String value;
            if (c < 0) {
                name = base.name(i);
                value = base.value(i++);
            } else {
                name = over.name(j);
                value = over.value(j++);
                if (c == 0) {
                    i++;
                }
            }
            if (!instance && name.compareTo("instance") > 0) {
                out[n++] = "instance";
                out[n++] = "";
                instance = true;
            }
            instance |= name.equals("instance");
            out[n++] = name;
            out[n++] = value;
        }
        if (!instance) {
            out[n++] = "instance";
            out[n++] = "";
        }
        return Labels.fromSortedPairs(n == out.length ? out : java.util.Arrays.copyOf(out, n));
    }
}
