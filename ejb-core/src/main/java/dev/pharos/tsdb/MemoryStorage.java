package dev.pharos.tsdb;

import dev.pharos.model.LabelMatcher;
import dev.pharos.model.Labels;
import dev.pharos.model.StaleNaN;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A simple, uncompressed in-memory storage: growing primitive arrays per series, a linear
 * scan for select. For tests and for the PromQL test-script runner; the real storage is the
 * file-based TSDB.
 */
public final class MemoryStorage implements Storage {

    private final ConcurrentHashMap<Labels, MemSeries> series = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, MemSeries> byRef = new ConcurrentHashMap<>();
    private final AtomicLong nextRef = new AtomicLong(1);

    /** Removes all series. */
    public void clear() {
        series.clear();
        byRef.clear();
    }

    public int seriesCount() {
        return series.size();
    }

    @Override
    public Appender appender() {
        return new MemAppender();
    }

    @Override
    public Querier querier(long mint, long maxt) {
        return new MemQuerier(mint, maxt);
    }

    private MemSeries getOrCreate(Labels labels) {
        return series.computeIfAbsent(labels, l -> {
            MemSeries s = new MemSeries(l, nextRef.getAndIncrement());
            byRef.put(s.ref, s);
            return s;
        });
    }

    private static final class MemSeries {
        final Labels labels;
        final long ref;
        long[] ts = new long[16];
        double[] vs = new double[16];
        int n;

        MemSeries(Labels labels, long ref) {
            this.labels = labels;
            this.ref = ref;
        }

        synchronized void add(long t, double v) throws AppendRejectedException {
            if (n > 0) {
                long last = ts[n - 1];
                if (t < last) {
                    throw new AppendRejectedException(AppendRejectedException.Reason.OUT_OF_ORDER);
                }
                if (t == last) {
                    if (Double.doubleToRawLongBits(vs[n - 1]) == Double.doubleToRawLongBits(v)) {
                        return; // an identical duplicate is silently ignored, as in Prometheus
                    }
                    throw new AppendRejectedException(AppendRejectedException.Reason.DUPLICATE);
                }
            }
            if (n == ts.length) {
                ts = Arrays.copyOf(ts, n * 2);
                vs = Arrays.copyOf(vs, n * 2);
            }
            ts[n] = t;
            vs[n] = v;
            n++;
        }

        synchronized int count() {
            return n;
        }
    }

    private final class MemAppender implements Appender {
        private final List<Object[]> pending = new ArrayList<>();

        @Override
        public long append(long ref, Labels labels, long t, double v) throws AppendRejectedException {
            MemSeries s = ref != 0 ? byRef.get(ref) : null;
            if (s == null || !s.labels.equals(labels)) {
                s = getOrCreate(labels);
            }
            // Check order now so the caller learns about rejected samples before commit.
            synchronized (s) {
                if (s.n > 0 && t < s.ts[s.n - 1]) {
                    throw new AppendRejectedException(AppendRejectedException.Reason.OUT_OF_ORDER);
                }
            }
            pending.add(new Object[] {s, t, v});
            return s.ref;
        }

        @Override
        public void commit() {
            for (Object[] p : pending) {
                try {
                    ((MemSeries) p[0]).add((Long) p[1], (Double) p[2]);
                } catch (AppendRejectedException e) {
                    // Raced with another appender of the same series; drop as Prometheus would.
                }
            }
            pending.clear();
        }

        @Override
        public void rollback() {
            pending.clear();
        }
    }

    private final class MemQuerier implements Querier {
        private final long mint;
        private final long maxt;

        MemQuerier(long mint, long maxt) {
            this.mint = mint;
            this.maxt = maxt;
        }

        private List<MemSeries> matching(LabelMatcher... matchers) {
            List<MemSeries> out = new ArrayList<>();
            outer:
            for (MemSeries s : series.values()) {
                for (LabelMatcher m : matchers) {
                    if (!m.matches(s.labels)) {
                        continue outer;
                    }
                }
                out.add(s);
            }
            out.sort((a, b) -> a.labels.compareTo(b.labels));
            return out;
        }

        @Override
        public List<Series> select(LabelMatcher... matchers) {
            List<Series> out = new ArrayList<>();
            for (MemSeries s : matching(matchers)) {
                long[] ts;
                double[] vs;
                int n;
                synchronized (s) {
                    n = s.n;
                    ts = s.ts;
                    vs = s.vs;
                }
                int from = lowerBound(ts, n, mint);
                int to = maxt == Long.MAX_VALUE ? n : lowerBound(ts, n, maxt + 1);
                if (from >= to) {
                    continue;
                }
                out.add(new ArraySeries(s.labels, ts, vs, from, to));
            }
            return out;
        }

        @Override
        public List<String> labelNames(LabelMatcher... matchers) {
            TreeSet<String> names = new TreeSet<>();
            for (MemSeries s : matching(matchers)) {
                s.labels.forEach((n, v) -> names.add(n));
            }
            return new ArrayList<>(names);
        }

        @Override
        public List<String> labelValues(String name, LabelMatcher... matchers) {
            TreeSet<String> values = new TreeSet<>();
            for (MemSeries s : matching(matchers)) {
                String v = s.labels.get(name);
                if (v != null) {
                    values.add(v);
                }
            }
            return new ArrayList<>(values);
        }

        @Override
        public void close() {
        }
    }

    private static int lowerBound(long[] ts, int n, long t) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ts[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** A series over a slice of primitive arrays; the arrays are only appended to, never changed. */
    public static final class ArraySeries implements Series {
        private final Labels labels;
        private final long[] ts;
        private final double[] vs;
        private final int from;
        private final int to;

        public ArraySeries(Labels labels, long[] ts, double[] vs, int from, int to) {
            this.labels = labels;
            this.ts = ts;
            this.vs = vs;
            this.from = from;
            this.to = to;
        }

        @Override
        public Labels labels() {
            return labels;
        }

        @Override
        public SampleIterator iterator() {
            return new SampleIterator() {
                int i = from - 1;

                @Override
                public boolean next() {
                    if (i < to) {
                        i++;
                    }
                    return i < to;
                }

                @Override
                public boolean seek(long t) {
                    if (i < from) {
                        i = from;
                    }
                    while (i < to && ts[i] < t) {
                        i++;
                    }
                    return i < to;
                }

                @Override
                public long timestamp() {
                    return ts[i];
                }

                @Override
                public double value() {
                    return vs[i];
                }
            };
        }

        @Override
        public String toString() {
            return labels + " (" + (to - from) + " samples" + (to > from && StaleNaN.is(vs[to - 1]) ? ", stale" : "") + ")";
        }
    }
}
