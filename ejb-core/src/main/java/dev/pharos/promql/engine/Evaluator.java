package dev.pharos.promql.engine;

import dev.pharos.model.LabelMatcher;
import dev.pharos.model.StaleNaN;
import dev.pharos.promql.ast.AggregateExpr;
import dev.pharos.promql.ast.AtModifier;
import dev.pharos.promql.ast.BinaryExpr;
import dev.pharos.promql.ast.Call;
import dev.pharos.promql.ast.Expr;
import dev.pharos.promql.ast.MatrixSelector;
import dev.pharos.promql.ast.NumberLiteral;
import dev.pharos.promql.ast.ParenExpr;
import dev.pharos.promql.ast.StringLiteral;
import dev.pharos.promql.ast.SubqueryExpr;
import dev.pharos.promql.ast.UnaryExpr;
import dev.pharos.promql.ast.VectorSelector;
import dev.pharos.tsdb.Querier;
import dev.pharos.tsdb.SampleIterator;
import dev.pharos.tsdb.Series;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Evaluates expressions over the step grid [start, end] with a fixed interval (one step for
 * instant queries). Instant vectors come back as {@link StepMatrix}, scalars as one double
 * per step; range vectors are only consumed through {@link #forEachWindow}.
 */
final class Evaluator {
    final EvalContext ctx;
    final long start;
    final long end;
    final long interval;
    final int steps;
    /** Set by rate/increase before walking smoothed windows: interpolate across counter resets. */
    boolean counterInterpolation;

    Evaluator(EvalContext ctx, long start, long end, long interval) {
        this.ctx = ctx;
        this.start = start;
        this.end = end;
        this.interval = interval;
        this.steps = interval == 0 ? 1 : (int) ((end - start) / interval) + 1;
    }

    long ts(int k) {
        return start + k * interval;
    }

    // ---------------------------------------------------------------- scalars and strings

    double[] evalScalar(Expr e) {
        ctx.checkNow();
        if (e instanceof NumberLiteral n) {
            double[] out = new double[steps];
            Arrays.fill(out, n.value);
            return out;
        }
        if (e instanceof ParenExpr p) {
            return evalScalar(p.expr);
        }
        if (e instanceof UnaryExpr u) {
            double[] in = evalScalar(u.expr);
            if (u.op == '-') {
                for (int k = 0; k < steps; k++) {
                    in[k] = -in[k];
                }
            }
            return in;
        }
        if (e instanceof BinaryExpr b) {
            double[] l = evalScalar(b.lhs);
            double[] r = evalScalar(b.rhs);
            for (int k = 0; k < steps; k++) {
                double v = BinaryOps.arith(b.op, l[k], r[k]);
                if (b.op.isComparison()) {
                    v = BinaryOps.compare(b.op, l[k], r[k]) ? 1 : 0;
                }
                l[k] = v;
            }
            return l;
        }
        if (e instanceof Call c) {
            return Functions.scalarCall(this, c);
        }
        throw new IllegalStateException("not a scalar expression: " + e);
    }

    String evalString(Expr e) {
        if (e instanceof StringLiteral s) {
            return s.value;
        }
        if (e instanceof ParenExpr p) {
            return evalString(p.expr);
        }
        throw new IllegalStateException("not a string expression: " + e);
    }

    // ---------------------------------------------------------------- instant vectors

    /**
     * Evaluates an instant-vector expression. Sample accounting follows Prometheus: while a
     * node runs, its inputs count; once it is done only its output stays counted.
     */
    StepMatrix evalVector(Expr e) {
        ctx.checkNow();
        long before = ctx.currentSamples;
        StepMatrix m = evalVectorNode(e);
        ctx.currentSamples = before;
        ctx.addSamples(m.points());
        return m;
    }

    private StepMatrix evalVectorNode(Expr e) {
        if (e instanceof VectorSelector vs) {
            return selectVector(vs, false);
        }
        if (e instanceof ParenExpr p) {
            return evalVector(p.expr);
        }
        if (e instanceof UnaryExpr u) {
            StepMatrix m = evalVector(u.expr);
            if (u.op == '-') {
                for (StepSeries s : m.series) {
                    for (int k = 0; k < steps; k++) {
                        s.v[k] = -s.v[k];
                    }
                    s.dropName = true;
                }
            }
            return m;
        }
        if (e instanceof BinaryExpr b) {
            return BinaryOps.eval(this, b);
        }
        if (e instanceof AggregateExpr a) {
            return Aggregations.eval(this, a);
        }
        if (e instanceof Call c) {
            return Functions.vectorCall(this, c);
        }
        throw new IllegalStateException("not an instant vector expression: " + e);
    }

    Long resolveAt(Long timestamp, int startOrEnd) {
        if (timestamp != null) {
            return timestamp;
        }
        if (startOrEnd == AtModifier.START) {
            return ctx.queryStart;
        }
        if (startOrEnd == AtModifier.END) {
            return ctx.queryEnd;
        }
        return null;
    }

    /**
     * The latest non-stale sample within the lookback window (ref - lookback, ref] at every
     * step. With {@code timestamps}, the value is the sample's timestamp in seconds (for timestamp()).
     */
    StepMatrix selectVector(VectorSelector vs, boolean timestamps) {
        if (vs.smoothed && !timestamps) {
            return ExtendedWindows.smoothedSelector(this, vs);
        }
        Long at = resolveAt(vs.timestamp, vs.startOrEnd);
        long lookback = ctx.lookback;
        long refFirst = (at != null ? at : start) - vs.offset;
        long refLast = (at != null ? at : end) - vs.offset;
        StepMatrix out = new StepMatrix();
        try (Querier q = ctx.storage.querier(refFirst - lookback + 1, refLast)) {
            List<Series> found = q.select(vs.matchers.toArray(new LabelMatcher[0]));
            for (Series s : found) {
                ctx.check();
                StepSeries ss = new StepSeries(s.labels(), steps, false);
                SampleIterator it = s.iterator();
                boolean more = true;
                boolean pending = false;
                long lastT = Long.MIN_VALUE;
                double lastV = 0;
                for (int k = 0; k < steps; k++) {
                    long ref = (at != null ? at : ts(k)) - vs.offset;
                    while (more) {
                        if (!pending) {
                            long seekTo = ref - lookback + 1;
                            if (lastT != Long.MIN_VALUE && lastT + 1 > seekTo) {
                                seekTo = lastT + 1;
                            }
                            more = it.seek(seekTo);
                            if (!more) {
                                break;
                            }
                            pending = true;
                        }
                        long t = it.timestamp();
                        if (t > ref) {
                            break;
                        }
                        lastT = t;
                        lastV = it.value();
                        pending = false;
                    }
                    if (lastT != Long.MIN_VALUE && lastT > ref - lookback && !StaleNaN.is(lastV)) {
                        ss.set(k, timestamps ? lastT / 1000.0 : lastV);
                    }
                }
                if (ss.count > 0) {
                    ctx.countLoaded(ss.count);
                    ctx.addSamples(ss.count);
                    out.series.add(ss);
                }
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- range vectors

    /** Receives the windows of a range-vector argument, series by series. */
    interface WindowConsumer {
        /** Starts a series; return false to skip it. */
        boolean series(dev.pharos.model.Labels labels, boolean dropName);

        void step(int k, Window w);
    }

    /** Walks the windows (ref - range, ref] of a matrix selector or subquery for every step. */
    void forEachWindow(Expr rangeArg, WindowConsumer c) {
        while (rangeArg instanceof ParenExpr p) {
            rangeArg = p.expr;
        }
        Window w = new Window();
        if (rangeArg instanceof MatrixSelector ms && (ms.anchored || ms.smoothed)) {
            ExtendedWindows.walk(this, ms, c, w);
            return;
        }
        if (rangeArg instanceof MatrixSelector ms) {
            VectorSelector vs = ms.selector;
            Long at = resolveAt(vs.timestamp, vs.startOrEnd);
            long refFirst = (at != null ? at : start) - vs.offset;
            long refLast = (at != null ? at : end) - vs.offset;
            w.range = ms.range;
            SlidingWindow sw = new SlidingWindow(SampleIterator.EMPTY);
            try (Querier q = ctx.storage.querier(refFirst - ms.range + 1, refLast)) {
                for (Series s : q.select(vs.matchers.toArray(new LabelMatcher[0]))) {
                    ctx.check();
                    if (!c.series(s.labels(), false)) {
                        continue;
                    }
                    w.metricName = s.labels().metricName();
                    sw.reset(s.iterator());
                    long held = 0;
                    for (int k = 0; k < steps; k++) {
                        ctx.check();
                        long ref = (at != null ? at : ts(k)) - vs.offset;
                        ctx.countLoaded(sw.advance(ref - ms.range, ref, w));
                        long size = w.to - w.from;
                        if (size > held) {
                            ctx.addSamples(size - held);
                            held = size;
                        }
                        w.rangeStart = ref - ms.range;
                        w.rangeEnd = ref;
                        w.evalTs = ts(k);
                        c.step(k, w);
                    }
                    ctx.releaseSamples(held);
                }
            }
            return;
        }
        if (rangeArg instanceof SubqueryExpr sq) {
            Long at = resolveAt(sq.timestamp, sq.startOrEnd);
            List<RangeSeries> inner = evalSubquery(sq, at);
            w.range = sq.range;
            for (RangeSeries rs : inner) {
                ctx.check();
                if (!c.series(rs.labels, rs.dropName)) {
                    continue;
                }
                w.metricName = rs.labels.metricName();
                int lo = 0;
                int hi = 0;
                for (int k = 0; k < steps; k++) {
                    // A window function over a long subquery can run for minutes on one series.
                    ctx.check();
                    long ref = (at != null ? at : ts(k)) - sq.offset;
                    long mint = ref - sq.range;
                    while (hi < rs.n && rs.t[hi] <= ref) {
                        hi++;
                    }
                    while (lo < hi && rs.t[lo] <= mint) {
                        lo++;
                    }
                    w.t = rs.t;
                    w.v = rs.v;
                    w.from = lo;
                    w.to = hi;
                    w.rangeStart = mint;
                    w.rangeEnd = ref;
                    w.evalTs = ts(k);
                    c.step(k, w);
                }
            }
            return;
        }
        throw new IllegalStateException("not a range vector expression: " + rangeArg);
    }

    /** Evaluates a subquery's inner expression on its own aligned step grid. */
    List<RangeSeries> evalSubquery(SubqueryExpr sq, Long at) {
        long step = sq.step > 0 ? sq.step : ctx.defaultSubqueryStep;
        long refStart = (at != null ? at : start) - sq.offset;
        long refEnd = (at != null ? at : end) - sq.offset;
        long subStart = step * ((refStart - sq.range) / step);
        if (subStart <= refStart - sq.range) {
            subStart += step;
        }
        List<RangeSeries> out = new ArrayList<>();
        if (subStart > refEnd) {
            return out;
        }
        Evaluator inner = new Evaluator(ctx, subStart, refEnd, step);
        StepMatrix m = inner.evalVector(sq.expr);
        for (StepSeries s : m.series) {
            long[] t = new long[s.count];
            double[] v = new double[s.count];
            int n = 0;
            for (int k = 0; k < inner.steps; k++) {
                if (s.has[k]) {
                    t[n] = inner.ts(k);
                    v[n] = s.v[k];
                    n++;
                }
            }
            out.add(new RangeSeries(s.labels, t, v, n, s.dropName));
        }
        return out;
    }

    /** A range-vector expression at the single step of an instant query (e.g. {@code foo[5m]}). */
    List<RangeSeries> evalRangeInstant(Expr e) {
        List<RangeSeries> out = new ArrayList<>();
        forEachWindow(e, new WindowConsumer() {
            dev.pharos.model.Labels labels;
            boolean dropName;

            @Override
            public boolean series(dev.pharos.model.Labels l, boolean d) {
                labels = l;
                dropName = d;
                return true;
            }

            @Override
            public void step(int k, Window w) {
                int n = w.to - w.from;
                if (n > 0) {
                    out.add(new RangeSeries(labels, Arrays.copyOfRange(w.t, w.from, w.to),
                            Arrays.copyOfRange(w.v, w.from, w.to), n, dropName));
                }
            }
        });
        return out;
    }
}
