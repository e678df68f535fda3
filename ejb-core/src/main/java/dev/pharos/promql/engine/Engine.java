package dev.pharos.promql.engine;

import dev.pharos.model.Labels;
import dev.pharos.promql.Matrix;
import dev.pharos.promql.QueryEngine;
import dev.pharos.promql.QueryException;
import dev.pharos.promql.QueryOptions;
import dev.pharos.promql.QueryResult;
import dev.pharos.promql.Sample;
import dev.pharos.promql.Scalar;
import dev.pharos.promql.SeriesData;
import dev.pharos.promql.StringValue;
import dev.pharos.promql.Value;
import dev.pharos.promql.Vector;
import dev.pharos.promql.ast.Expr;
import dev.pharos.promql.ast.ValueType;
import dev.pharos.tsdb.Storage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Runs one parsed query: sets up the context, evaluates, and shapes the API result. */
public final class Engine {
    private Engine() {
    }

    public static QueryResult run(Storage storage, QueryEngine.Options opts, QueryOptions qo, String query, Expr e,
            long start, long end, long step) {
        long lookback = (qo.lookbackDelta() != null ? qo.lookbackDelta() : opts.lookbackDelta()).toMillis();
        long timeout = (qo.timeout() != null ? qo.timeout() : opts.timeout()).toNanos();
        EvalContext ctx = new EvalContext(storage, query, lookback, start, end, step > 0,
                opts.defaultSubqueryStep().toMillis(), opts.maxSamples(), System.nanoTime() + timeout, qo.cancelled());
        ctx.queryStep = step;
        try {
            dev.pharos.promql.parser.DurationExpressions.resolve(e, step, end - start);
        } catch (IllegalArgumentException ex) {
            throw new QueryException(QueryException.Type.BAD_DATA, ex.getMessage());
        }
        Value v;
        try {
            v = step > 0 ? evaluateRange(ctx, e, start, end, step) : evaluate(new Evaluator(ctx, start, end, 0), e, false);
        } catch (EvalException ex) {
            throw new QueryException(QueryException.Type.EXECUTION, ex.getMessage());
        } catch (java.util.regex.PatternSyntaxException ex) {
            throw new QueryException(QueryException.Type.EXECUTION, ex.getMessage());
        } catch (StackOverflowError ex) {
            throw new QueryException(QueryException.Type.EXECUTION, "query too deeply nested");
        }
        return new QueryResult(v, new ArrayList<>(ctx.warnings), new ArrayList<>(ctx.infos), ctx.totalSamples,
                ctx.peakSamples);
    }

    private static Value evaluate(Evaluator ev, Expr e, boolean range) {
        ValueType t = e.type();
        switch (t) {
            case STRING -> {
                return new StringValue(ev.start, ev.evalString(e));
            }
            case SCALAR -> {
                double[] v = ev.evalScalar(e);
                return new Scalar(ev.start, v[0]);
            }
            case MATRIX -> {
                List<RangeSeries> rs = ev.evalRangeInstant(e);
                List<SeriesData> out = new ArrayList<>(rs.size());
                for (RangeSeries r : rs) {
                    Labels l = r.dropName ? dropName(r.labels) : r.labels;
                    out.add(new SeriesData(l, Arrays.copyOf(r.t, r.n), Arrays.copyOf(r.v, r.n)));
                }
                checkUnique(out);
                return new Matrix(out);
            }
            default -> {
                StepMatrix m = ev.evalVector(e);
                if (!range) {
                    List<Sample> samples = new ArrayList<>(m.series.size());
                    Set<Labels> seen = new HashSet<>();
                    for (StepSeries s : m.series) {
                        if (s.has[0]) {
                            Labels l = s.dropName ? dropName(s.labels) : s.labels;
                            if (!seen.add(l)) {
                                throw new EvalException("vector cannot contain metrics with the same labelset");
                            }
                            samples.add(new Sample(l, ev.start, s.v[0]));
                        }
                    }
                    return new Vector(samples);
                }
                throw new IllegalStateException("range queries are evaluated in chunks");
            }
        }
    }

    /** Removes the metric name and, with it, the type and unit labels (they describe the name). */
    static Labels dropName(Labels l) {
        if (!l.has(Labels.METRIC_NAME) && !l.has("__type__") && !l.has("__unit__")) {
            return l;
        }
        return l.toBuilder().remove(Labels.METRIC_NAME).remove("__type__").remove("__unit__").build();
    }

    private static void checkUnique(List<SeriesData> out) {
        Set<Labels> seen = new HashSet<>();
        for (SeriesData s : out) {
            if (!seen.add(s.metric())) {
                throw new EvalException("vector cannot contain metrics with the same labelset");
            }
        }
    }

    /**
     * Range queries run in chunks of {@link #CHUNK_STEPS} steps so that the dense per-step
     * arrays stay small however long the range; every step is independent (subquery grids are
     * aligned to absolute time), so chunking does not change results.
     */
    static final int CHUNK_STEPS = 240;

    /** Growable points of one output series. */
    private static final class Points {
        long[] t;
        double[] v;
        int n;

        /**
         * Sized by the series' density in the chunk where it first appears, extrapolated to the
         * steps left: a series present at every step never grows or gets copied, a sparse one
         * does not reserve the whole range.
         */
        Points(int presentInChunk, int chunkSteps, long stepsLeft) {
            long guess = (long) Math.ceil((double) presentInChunk / chunkSteps * stepsLeft);
            int cap = (int) Math.max(16, Math.min(stepsLeft, guess));
            t = new long[cap];
            v = new double[cap];
        }

        long[] timestamps() {
            return n == t.length ? t : Arrays.copyOf(t, n);
        }

        double[] values() {
            return n == v.length ? v : Arrays.copyOf(v, n);
        }

        void add(long ts, double val) {
            if (n == t.length) {
                t = Arrays.copyOf(t, n * 2);
                v = Arrays.copyOf(v, n * 2);
            }
            t[n] = ts;
            v[n++] = val;
        }
    }

    private static Value evaluateRange(EvalContext ctx, Expr e, long start, long end, long step) {
        Map<Labels, Points> acc = new HashMap<>();
        long totalSteps = (end - start) / step + 1;
        for (long cs = start; cs <= end; cs += step * CHUNK_STEPS) {
            long stepsLeft = totalSteps - (cs - start) / step;
            long ce = Math.min(end, cs + step * (CHUNK_STEPS - 1));
            Evaluator ev = new Evaluator(ctx, cs, ce, step);
            long before = ctx.currentSamples;
            if (e.type() == ValueType.SCALAR) {
                double[] v = ev.evalScalar(e);
                Points p = acc.computeIfAbsent(Labels.EMPTY, x -> new Points(ev.steps, ev.steps, stepsLeft));
                for (int k = 0; k < ev.steps; k++) {
                    p.add(ev.ts(k), v[k]);
                }
            } else {
                StepMatrix m = ev.evalVector(e);
                for (Map.Entry<Labels, StepSeries> en : mergeByLabels(ev, m).entrySet()) {
                    StepSeries s = en.getValue();
                    Points p = acc.get(en.getKey());
                    if (p == null) {
                        p = new Points(s.count, ev.steps, stepsLeft);
                        acc.put(en.getKey(), p);
                    }
                    for (int k = 0; k < ev.steps; k++) {
                        if (s.has[k]) {
                            p.add(ev.ts(k), s.v[k]);
                        }
                    }
                }
            }
            ctx.currentSamples = before;
        }
        List<Labels> order = new ArrayList<>(acc.keySet());
        order.sort(null);
        List<SeriesData> out = new ArrayList<>(order.size());
        for (Labels l : order) {
            Points p = acc.get(l);
            out.add(new SeriesData(l, p.timestamps(), p.values()));
        }
        return new Matrix(out);
    }

    /** Drops names where due and merges series that now share a labelset (an error if they overlap). */
    private static Map<Labels, StepSeries> mergeByLabels(Evaluator ev, StepMatrix m) {
        Map<Labels, StepSeries> merged = new HashMap<>();
        for (StepSeries s : m.series) {
            if (s.count == 0) {
                continue;
            }
            Labels l = s.dropName ? dropName(s.labels) : s.labels;
            StepSeries prev = merged.get(l);
            if (prev == null) {
                merged.put(l, s);
                continue;
            }
            // Copy into a fresh series so inputs are never mutated.
            StepSeries into = new StepSeries(l, ev.steps, false);
            for (int k = 0; k < ev.steps; k++) {
                if (prev.has[k]) {
                    into.set(k, prev.v[k]);
                }
            }
            for (int k = 0; k < ev.steps; k++) {
                if (s.has[k]) {
                    if (into.has[k]) {
                        throw new EvalException("vector cannot contain metrics with the same labelset");
                    }
                    into.set(k, s.v[k]);
                }
            }
            merged.put(l, into);
        }
        return merged;
    }
}
