package dev.pharos.promql.engine;

import dev.pharos.model.LabelMatcher;
import dev.pharos.model.StaleNaN;
import dev.pharos.promql.ast.MatrixSelector;
import dev.pharos.promql.ast.VectorSelector;
import dev.pharos.tsdb.Querier;
import dev.pharos.tsdb.SampleIterator;
import dev.pharos.tsdb.Series;
import java.util.Arrays;

/**
 * The experimental {@code anchored} and {@code smoothed} range modifiers of Prometheus 3.
 * Anchored windows start with the last sample at or before the range start (within the
 * lookback delta); smoothed windows get values interpolated at both range boundaries. Both
 * need at least one sample inside the range and are never extrapolated.
 */
final class ExtendedWindows {
    private ExtendedWindows() {
    }

    private static final class Points {
        long[] t = new long[64];
        double[] v = new double[64];
        int n;

        void add(long ts, double val) {
            if (n == t.length) {
                t = Arrays.copyOf(t, n * 2);
                v = Arrays.copyOf(v, n * 2);
            }
            t[n] = ts;
            v[n] = val;
            n++;
        }
    }

    private static Points read(Series s) {
        Points p = new Points();
        SampleIterator it = s.iterator();
        while (it.next()) {
            double val = it.value();
            if (!StaleNaN.is(val)) {
                p.add(it.timestamp(), val);
            }
        }
        return p;
    }

    /** First index with t > x. */
    private static int upper(long[] t, int n, long x) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (t[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static double interpolate(long t1, double v1, long t2, double v2, long x, boolean counter) {
        double f = (double) (x - t1) / (t2 - t1);
        if (counter && v2 < v1) {
            // A reset between the samples: the counter restarted from zero.
            return v2 * f;
        }
        return v1 + (v2 - v1) * f;
    }

    static void walk(Evaluator ev, MatrixSelector ms, Evaluator.WindowConsumer c, Window w) {
        VectorSelector vs = ms.selector;
        Long at = ev.resolveAt(vs.timestamp, vs.startOrEnd);
        long lookback = ev.ctx.lookback;
        long refFirst = (at != null ? at : ev.start) - vs.offset;
        long refLast = (at != null ? at : ev.end) - vs.offset;
        w.range = ms.range;
        w.exact = true;
        long[] wt = new long[16];
        double[] wv = new double[16];
        try (Querier q = ev.ctx.storage.querier(refFirst - ms.range - lookback, refLast + lookback)) {
            for (Series s : q.select(vs.matchers.toArray(new LabelMatcher[0]))) {
                ev.ctx.check();
                if (!c.series(s.labels(), false)) {
                    continue;
                }
                w.metricName = s.labels().metricName();
                Points p = read(s);
                ev.ctx.countLoaded(p.n);
                for (int k = 0; k < ev.steps; k++) {
                    long ref = (at != null ? at : ev.ts(k)) - vs.offset;
                    long mint = ref - ms.range;
                    int lo = upper(p.t, p.n, mint);
                    int hi = upper(p.t, p.n, ref);
                    int m = 0;
                    int need = hi - lo + 3;
                    if (wt.length < need) {
                        wt = new long[need * 2];
                        wv = new double[need * 2];
                    }
                    boolean hasBefore = lo > 0 && p.t[lo - 1] > mint - lookback;
                    boolean hasAfter = hi < p.n && p.t[hi] < ref + lookback;
                    if (ms.anchored && hi > lo) {
                        if (hasBefore) {
                            wt[m] = p.t[lo - 1];
                            wv[m++] = p.v[lo - 1];
                        }
                        for (int i = lo; i < hi; i++) {
                            wt[m] = p.t[i];
                            wv[m++] = p.v[i];
                        }
                    } else if (ms.smoothed && hi > lo) {
                        wt[m] = mint;
                        wv[m++] = hasBefore
                                ? interpolate(p.t[lo - 1], p.v[lo - 1], p.t[lo], p.v[lo], mint, ev.counterInterpolation)
                                : p.v[lo];
                        for (int i = lo; i < hi; i++) {
                            wt[m] = p.t[i];
                            wv[m++] = p.v[i];
                        }
                        if (p.t[hi - 1] != ref) {
                            wt[m] = ref;
                            wv[m++] = hasAfter
                                    ? interpolate(p.t[hi - 1], p.v[hi - 1], p.t[hi], p.v[hi], ref, ev.counterInterpolation)
                                    : p.v[hi - 1];
                        }
                    } else if (ms.smoothed && hasBefore && hasAfter) {
                        // No sample inside the range: both boundaries lie between the same two samples.
                        wt[m] = mint;
                        wv[m++] = interpolate(p.t[lo - 1], p.v[lo - 1], p.t[hi], p.v[hi], mint, ev.counterInterpolation);
                        wt[m] = ref;
                        wv[m++] = interpolate(p.t[lo - 1], p.v[lo - 1], p.t[hi], p.v[hi], ref, ev.counterInterpolation);
                    }
                    w.t = wt;
                    w.v = wv;
                    w.from = 0;
                    w.to = m;
                    w.rangeStart = mint;
                    w.rangeEnd = ref;
                    w.evalTs = ev.ts(k);
                    c.step(k, w);
                }
            }
        }
    }

    /** An instant selector with {@code smoothed}: linear interpolation between the neighbours of each step. */
    static StepMatrix smoothedSelector(Evaluator ev, VectorSelector vs) {
        Long at = ev.resolveAt(vs.timestamp, vs.startOrEnd);
        long lookback = ev.ctx.lookback;
        long refFirst = (at != null ? at : ev.start) - vs.offset;
        long refLast = (at != null ? at : ev.end) - vs.offset;
        StepMatrix out = new StepMatrix();
        try (Querier q = ev.ctx.storage.querier(refFirst - lookback, refLast + lookback)) {
            for (Series s : q.select(vs.matchers.toArray(new LabelMatcher[0]))) {
                ev.ctx.check();
                Points p = read(s);
                StepSeries ss = new StepSeries(s.labels(), ev.steps, false);
                for (int k = 0; k < ev.steps; k++) {
                    long ref = (at != null ? at : ev.ts(k)) - vs.offset;
                    int hi = upper(p.t, p.n, ref);
                    if (hi == 0 || p.t[hi - 1] <= ref - lookback) {
                        continue;
                    }
                    double val = p.v[hi - 1];
                    if (p.t[hi - 1] != ref && hi < p.n && p.t[hi] < ref + lookback) {
                        val = interpolate(p.t[hi - 1], p.v[hi - 1], p.t[hi], p.v[hi], ref, false);
                    }
                    ss.set(k, val);
                }
                if (ss.count > 0) {
                    ev.ctx.countLoaded(p.n);
                    ev.ctx.addSamples(ss.count);
                    out.series.add(ss);
                }
            }
        }
        return out;
    }
}
