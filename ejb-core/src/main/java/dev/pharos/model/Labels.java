package dev.pharos.model;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * An immutable set of label name/value pairs, sorted by name, as Prometheus keeps them.
 *
 * <p>Stored as one flat array {@code [n0, v0, n1, v1, ...]} so that a label set is two
 * objects no matter how many labels it has; the hash is computed once.
 */
public final class Labels implements Comparable<Labels> {

    public static final Labels EMPTY = new Labels(new String[0]);
    public static final String METRIC_NAME = "__name__";

    private final String[] pairs;
    private int hash;

    private Labels(String[] sortedPairs) {
        this.pairs = sortedPairs;
    }

    /** Builds from alternating names and values in any order; a later duplicate name wins. */
    public static Labels of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("odd number of label strings");
        }
        Builder b = new Builder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            b.set(namesAndValues[i], namesAndValues[i + 1]);
        }
        return b.build();
    }

    public static Labels fromMap(Map<String, String> map) {
        Builder b = new Builder();
        map.forEach(b::set);
        return b.build();
    }

    /**
     * Wraps an array that the caller guarantees is sorted by name, without duplicates and
     * without empty values. Used by decoders that read labels already in order.
     */
    public static Labels fromSortedPairs(String[] pairs) {
        return new Labels(pairs);
    }

    public int size() {
        return pairs.length / 2;
    }

    public boolean isEmpty() {
        return pairs.length == 0;
    }

    public String name(int i) {
        return pairs[2 * i];
    }

    public String value(int i) {
        return pairs[2 * i + 1];
    }

    /** The value of a label, or {@code null} if absent. */
    public String get(String name) {
        // Label sets are small: a linear scan beats a binary search on strings.
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i].equals(name)) {
                return pairs[i + 1];
            }
        }
        return null;
    }

    /** The value of a label, or "" if absent (Prometheus treats them alike). */
    public String getOrEmpty(String name) {
        String v = get(name);
        return v == null ? "" : v;
    }

    public boolean has(String name) {
        return get(name) != null;
    }

    public String metricName() {
        return get(METRIC_NAME);
    }

    public void forEach(BiConsumer<String, String> action) {
        for (int i = 0; i < pairs.length; i += 2) {
            action.accept(pairs[i], pairs[i + 1]);
        }
    }

    public Map<String, String> toMap() {
        Map<String, String> m = new TreeMap<>();
        forEach(m::put);
        return m;
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        for (int i = 0; i < pairs.length; i += 2) {
            b.set(pairs[i], pairs[i + 1]);
        }
        return b;
    }

    public Labels withoutName() {
        if (!has(METRIC_NAME)) {
            return this;
        }
        return toBuilder().remove(METRIC_NAME).build();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Labels other)) {
            return false;
        }
        return hashCode() == other.hashCode() && Arrays.equals(pairs, other.pairs);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Arrays.hashCode(pairs);
            if (h == 0) {
                h = 1;
            }
            hash = h;
        }
        return h;
    }

    /** 64-bit hash of the label set, stable across JVM runs (FNV-1a over names and values). */
    public long stableHash() {
        long h = 0xcbf29ce484222325L;
        for (String s : pairs) {
            for (int i = 0; i < s.length(); i++) {
                h ^= s.charAt(i);
                h *= 0x100000001b3L;
            }
            h ^= 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    @Override
    public int compareTo(Labels o) {
        int n = Math.min(pairs.length, o.pairs.length);
        for (int i = 0; i < n; i++) {
            int c = pairs[i].compareTo(o.pairs[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(pairs.length, o.pairs.length);
    }

    /** Prometheus notation: {@code name{a="b", c="d"}}, or {@code {a="b"}} without a name. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        String name = metricName();
        if (name != null) {
            sb.append(name);
        }
        sb.append('{');
        boolean first = true;
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i].equals(METRIC_NAME)) {
                continue;
            }
            if (!first) {
                sb.append(", ");
            }
            first = false;
            sb.append(pairs[i]).append("=\"");
            escapeInto(sb, pairs[i + 1]);
            sb.append('"');
        }
        return sb.append('}').toString();
    }

    static void escapeInto(StringBuilder sb, String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                default -> sb.append(c);
            }
        }
    }

    /** Mutable builder; {@link #build()} sorts and drops empty values, as Prometheus does. */
    public static final class Builder {
        private final TreeMap<String, String> map = new TreeMap<>();

        public Builder set(String name, String value) {
            if (value == null || value.isEmpty()) {
                map.remove(name);
            } else {
                map.put(name, value);
            }
            return this;
        }

        public Builder remove(String name) {
            map.remove(name);
            return this;
        }

        public String get(String name) {
            return map.get(name);
        }

        public Builder keepOnly(java.util.Collection<String> names) {
            map.keySet().retainAll(names);
            return this;
        }

        public Labels build() {
            if (map.isEmpty()) {
                return EMPTY;
            }
            String[] p = new String[map.size() * 2];
            int i = 0;
            for (Map.Entry<String, String> e : map.entrySet()) {
                p[i++] = e.getKey();
                p[i++] = e.getValue();
            }
            return new Labels(p);
        }
    }
}
