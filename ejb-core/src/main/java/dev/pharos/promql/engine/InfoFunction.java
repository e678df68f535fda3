package dev.pharos.promql.engine;

import dev.pharos.model.LabelMatcher;
import dev.pharos.model.Labels;
import dev.pharos.model.StaleNaN;
import dev.pharos.promql.ast.Call;
import dev.pharos.promql.ast.Expr;
import dev.pharos.promql.ast.MatrixSelector;
import dev.pharos.promql.ast.SubqueryExpr;
import dev.pharos.promql.ast.VectorSelector;
import dev.pharos.tsdb.Querier;
import dev.pharos.tsdb.SampleIterator;
import dev.pharos.tsdb.Series;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongUnaryOperator;

/**
 * The experimental info() function: adds the data labels of info series (target_info by
 * default) that share the identifying labels instance and job with a base series. Info
 * series are looked up at the time the base sample refers to (its @ and offset).
 */
final class InfoFunction {
    private static final List<String> IDENTIFYING = List.of("instance", "job");

    private InfoFunction() {
    }

    private static final class InfoSeries {
        final Labels labels;
        final long[] t;
        final double[] v;
        final int n;

        InfoSeries(Labels labels, long[] t, double[] v, int n) {
            this.labels = labels;
            this.t = t;
            this.v = v;
            this.n = n;
        }

        /** Timestamp of the sample in effect at ts, or Long.MIN_VALUE if none (or stale). */
        long sampleAt(long ts, long lookback) {
            int lo = 0;
            int hi = n;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (t[mid] <= ts) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo > 0 && t[lo - 1] > ts - lookback && !StaleNaN.is(v[lo - 1]) ? t[lo - 1] : Long.MIN_VALUE;
        }

        boolean presentAt(long ts, long lookback) {
            int lo = 0;
            int hi = n;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (t[mid] <= ts) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo > 0 && t[lo - 1] > ts - lookback && !StaleNaN.is(v[lo - 1]);
        }
    }

    static StepMatrix eval(Evaluator ev, Call c) {
        StepMatrix base = ev.evalVector(c.args.get(0));
        List<LabelMatcher> nameMatchers = new ArrayList<>();
        List<LabelMatcher> dataMatchers = new ArrayList<>();
        if (c.args.size() > 1) {
            for (LabelMatcher m : ((VectorSelector) c.args.get(1)).matchers) {
                (m.name().equals(Labels.METRIC_NAME) ? nameMatchers : dataMatchers).add(m);
            }
        }
        if (nameMatchers.isEmpty()) {
            nameMatchers.add(LabelMatcher.equal(Labels.METRIC_NAME, "target_info"));
        } else if (nameMatchers.stream().noneMatch(m -> m.type() == dev.pharos.model.MatchType.EQUAL
                || m.type() == dev.pharos.model.MatchType.REGEX)) {
            // Only negative name matchers: the candidates are still info metrics.
            nameMatchers.add(new LabelMatcher(dev.pharos.model.MatchType.REGEX, Labels.METRIC_NAME, ".+_info"));
        }
        LongUnaryOperator shift = timeShift(ev, c.args.get(0));
        long[] infoTs = new long[ev.steps];
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int k = 0; k < ev.steps; k++) {
            infoTs[k] = shift.applyAsLong(ev.ts(k));
            min = Math.min(min, infoTs[k]);
            max = Math.max(max, infoTs[k]);
        }
        long lookback = ev.ctx.lookback;
        Map<String, List<InfoSeries>> byIdentity = new HashMap<>();
        try (Querier q = ev.ctx.storage.querier(min - lookback + 1, max)) {
            for (Series s : q.select(nameMatchers.toArray(new LabelMatcher[0]))) {
                boolean ok = true;
                for (LabelMatcher m : dataMatchers) {
                    if (!m.matches(s.labels())) {
                        ok = false;
                        break;
                    }
                }
                if (!ok) {
                    continue;
                }
                long[] t = new long[16];
                double[] v = new double[16];
                int n = 0;
                SampleIterator it = s.iterator();
                while (it.next()) {
                    if (n == t.length) {
                        t = Arrays.copyOf(t, n * 2);
                        v = Arrays.copyOf(v, n * 2);
                    }
                    t[n] = it.timestamp();
                    v[n++] = it.value();
                }
                ev.ctx.countLoaded(n);
                byIdentity.computeIfAbsent(identity(s.labels()), x -> new ArrayList<>()).add(new InfoSeries(s.labels(), t, v, n));
            }
        }
        boolean emptyOk = dataMatchers.stream().allMatch(LabelMatcher::matchesEmpty);
        Collector out = new Collector(ev.steps);
        for (StepSeries s : base.series) {
            boolean isInfo = nameMatchers.stream().allMatch(m -> m.matches(s.labels));
            List<InfoSeries> candidates = isInfo ? null : byIdentity.get(identity(s.labels));
            for (int k = 0; k < ev.steps; k++) {
                if (!s.has[k]) {
                    continue;
                }
                Labels.Builder b = null;
                Map<String, String> added = null;
                if (candidates != null) {
                    // Per info metric name, the series with the most recent sample wins.
                    Map<String, InfoSeries> latest = new HashMap<>();
                    Map<String, Long> latestT = new HashMap<>();
                    for (InfoSeries is : candidates) {
                        long st = is.sampleAt(infoTs[k], lookback);
                        if (st == Long.MIN_VALUE) {
                            continue;
                        }
                        String name = is.labels.getOrEmpty(Labels.METRIC_NAME);
                        Long prevT = latestT.get(name);
                        if (prevT == null || st > prevT) {
                            latest.put(name, is);
                            latestT.put(name, st);
                        }
                    }
                    for (InfoSeries is : latest.values()) {
                        if (added == null) {
                            added = new HashMap<>();
                        }
                        for (int i = 0; i < is.labels.size(); i++) {
                            String name = is.labels.name(i);
                            if (name.equals(Labels.METRIC_NAME) || (dataMatchers.isEmpty() && IDENTIFYING.contains(name))) {
                                continue;
                            }
                            if (!dataMatchers.isEmpty() && dataMatchers.stream().noneMatch(m -> m.name().equals(name))) {
                                continue;
                            }
                            if (s.labels.has(name)) {
                                continue;
                            }
                            String prev = added.put(name, is.labels.value(i));
                            if (prev != null && !prev.equals(is.labels.value(i))) {
                                throw new EvalException("conflicting label: " + name + " has values \"" + prev + "\" and \""
                                        + is.labels.value(i) + "\" in info series for " + s.labels);
                            }
                        }
                    }
                }
                if (added == null && !isInfo && !emptyOk) {
                    continue;
                }
                Labels l = s.labels;
                if (added != null && !added.isEmpty()) {
                    b = l.toBuilder();
                    for (Map.Entry<String, String> e : added.entrySet()) {
                        b.set(e.getKey(), e.getValue());
                    }
                    l = b.build();
                }
                out.add(l, s.dropName, k, s.v[k]);
            }
        }
        return out.result();
    }

    private static String identity(Labels l) {
        return l.getOrEmpty("instance") + '\u0000' + l.getOrEmpty("job");
    }

    /** The time the base expression's samples refer to, from its first selector's @ and offset. */
    private static LongUnaryOperator timeShift(Evaluator ev, Expr e) {
        if (e instanceof VectorSelector vs) {
            Long at = ev.resolveAt(vs.timestamp, vs.startOrEnd);
            return t -> (at != null ? at : t) - vs.offset;
        }
        if (e instanceof MatrixSelector ms) {
            return timeShift(ev, ms.selector);
        }
        if (e instanceof SubqueryExpr sq) {
            Long at = ev.resolveAt(sq.timestamp, sq.startOrEnd);
            LongUnaryOperator inner = timeShift(ev, sq.expr);
            return t -> inner.applyAsLong((at != null ? at : t) - sq.offset);
        }
        for (Expr child : children(e)) {
            if (containsSelector(child)) {
                return timeShift(ev, child);
            }
        }
        return t -> t;
    }

    private static List<Expr> children(Expr e) {
        if (e instanceof dev.pharos.promql.ast.ParenExpr p) {
            return List.of(p.expr);
        }
        if (e instanceof dev.pharos.promql.ast.UnaryExpr u) {
            return List.of(u.expr);
        }
        if (e instanceof dev.pharos.promql.ast.BinaryExpr b) {
            return List.of(b.lhs, b.rhs);
        }
        if (e instanceof dev.pharos.promql.ast.AggregateExpr a) {
            return List.of(a.expr);
        }
        if (e instanceof Call c) {
            return c.args;
        }
        if (e instanceof SubqueryExpr sq) {
            return List.of(sq.expr);
        }
        return List.of();
    }

    private static boolean containsSelector(Expr e) {
        if (e instanceof VectorSelector || e instanceof MatrixSelector) {
            return true;
        }
        for (Expr c : children(e)) {
            if (containsSelector(c)) {
                return true;
            }
        }
        return false;
    }
}
