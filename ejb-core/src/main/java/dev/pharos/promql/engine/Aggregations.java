package dev.pharos.promql.engine;

import dev.pharos.model.Labels;
import dev.pharos.promql.ValueFormat;
import dev.pharos.promql.ast.AggregateExpr;
import dev.pharos.promql.ast.AggregateOp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The aggregation operators. Simple ones run series-major over dense per-group arrays. */
final class Aggregations {
    private Aggregations() {
    }

    static StepMatrix eval(Evaluator ev, AggregateExpr a) {
        double[] param = null;
        String strParam = null;
        if (a.param != null) {
            if (a.op == AggregateOp.COUNT_VALUES) {
                strParam = ev.evalString(a.param);
            } else {
                param = ev.evalScalar(a.param);
            }
        }
        StepMatrix in = ev.evalVector(a.expr);
        int steps = ev.steps;
        // Group assignment, computed once per series.
        Map<Labels, Integer> groupIds = new HashMap<>();
        List<Labels> groupLabels = new ArrayList<>();
        int[] gid = new int[in.series.size()];
        for (int i = 0; i < gid.length; i++) {
            Labels key = groupKey(in.series.get(i).labels, a);
            Integer id = groupIds.get(key);
            if (id == null) {
                id = groupLabels.size();
                groupIds.put(key, id);
                groupLabels.add(key);
            }
            gid[i] = id;
        }
        StepMatrix out = switch (a.op) {
            case SUM, AVG, COUNT, MIN, MAX, GROUP, STDDEV, STDVAR -> simple(ev, a, in, gid, groupLabels);
            case TOPK, BOTTOMK, LIMITK, LIMIT_RATIO -> selectK(ev, a, in, gid, groupLabels.size(), param);
            case QUANTILE -> quantile(ev, a, in, gid, groupLabels, param);
            case COUNT_VALUES -> countValues(ev, a, in, strParam);
        };
        return out;
    }

    static Labels groupKey(Labels l, AggregateExpr a) {
        if (a.without) {
            Labels.Builder b = l.toBuilder();
            for (String n : a.grouping) {
                b.remove(n);
            }
            b.remove(Labels.METRIC_NAME);
            return b.build();
        }
        if (a.grouping.isEmpty()) {
            return Labels.EMPTY;
        }
        return l.toBuilder().keepOnly(a.grouping).build();
    }

    private static StepMatrix simple(Evaluator ev, AggregateExpr a, StepMatrix in, int[] gid, List<Labels> groups) {
        int steps = ev.steps;
        int ng = groups.size();
        double[][] val = new double[ng][];
        double[][] comp = new double[ng][];
        double[][] cnt = new double[ng][];
        double[][] mean = new double[ng][];
        boolean[][] incr = new boolean[ng][];
        boolean[] dropName = new boolean[ng];
        AggregateOp op = a.op;
        double[] c = new double[1];
        for (int i = 0; i < in.series.size(); i++) {
            ev.ctx.check();
            StepSeries s = in.series.get(i);
            int g = gid[i];
            if (val[g] == null) {
                val[g] = new double[steps];
                cnt[g] = new double[steps];
                if (op == AggregateOp.SUM || op == AggregateOp.AVG || op == AggregateOp.STDDEV || op == AggregateOp.STDVAR) {
                    comp[g] = new double[steps];
                    mean[g] = new double[steps];
                    incr[g] = new boolean[steps];
                }
            }
            dropName[g] |= s.dropName;
            double[] gv = val[g];
            double[] gc = cnt[g];
            for (int k = 0; k < steps; k++) {
                if (!s.has[k]) {
                    continue;
                }
                double x = s.v[k];
                double n = ++gc[k];
                if (n == 1) {
                    switch (op) {
                        case GROUP -> gv[k] = 1;
                        case STDDEV, STDVAR -> {
                            mean[g][k] = x;
                            gv[k] = Double.isNaN(x) || Double.isInfinite(x) ? Double.NaN : 0;
                            comp[g][k] = 0;
                        }
                        default -> gv[k] = x;
                    }
                    continue;
                }
                switch (op) {
                    case SUM -> {
                        c[0] = comp[g][k];
                        gv[k] = Kahan.inc(x, gv[k], c);
                        comp[g][k] = c[0];
                    }
                    case AVG -> {
                        if (!incr[g][k]) {
                            c[0] = comp[g][k];
                            double nv = Kahan.inc(x, gv[k], c);
                            if (!Double.isInfinite(nv)) {
                                gv[k] = nv;
                                comp[g][k] = c[0];
                                break;
                            }
                            incr[g][k] = true;
                            mean[g][k] = gv[k] / (n - 1);
                            comp[g][k] /= (n - 1);
                        }
                        double m = mean[g][k];
                        if (Double.isInfinite(m)) {
                            if (Double.isInfinite(x) && (m > 0) == (x > 0)) {
                                break;
                            }
                            if (!Double.isInfinite(x) && !Double.isNaN(x)) {
                                break;
                            }
                        }
                        double q = (n - 1) / n;
                        c[0] = q * comp[g][k];
                        mean[g][k] = Kahan.inc(x / n, q * m, c);
                        comp[g][k] = c[0];
                    }
                    case COUNT, GROUP -> {
                    }
                    case MIN -> {
                        if (gv[k] > x || Double.isNaN(gv[k])) {
                            gv[k] = x;
                        }
                    }
                    case MAX -> {
                        if (gv[k] < x || Double.isNaN(gv[k])) {
                            gv[k] = x;
                        }
                    }
                    case STDDEV, STDVAR -> {
                        double delta = x - mean[g][k];
                        mean[g][k] += delta / n;
                        gv[k] += delta * (x - mean[g][k]);
                    }
                    default -> throw new IllegalStateException();
                }
            }
        }
        StepMatrix out = new StepMatrix();
        for (int g = 0; g < ng; g++) {
            if (val[g] == null) {
                continue;
            }
            StepSeries s = new StepSeries(groups.get(g), steps, dropName[g]);
            for (int k = 0; k < steps; k++) {
                double n = cnt[g][k];
                if (n == 0) {
                    continue;
                }
                double r = switch (op) {
                    case SUM -> val[g][k] + comp[g][k];
                    case AVG -> incr[g][k] ? mean[g][k] + comp[g][k] : (val[g][k] + comp[g][k]) / n;
                    case COUNT -> n;
                    case GROUP -> 1;
                    case MIN, MAX -> val[g][k];
                    case STDVAR -> val[g][k] / n;
                    case STDDEV -> Math.sqrt(val[g][k] / n);
                    default -> throw new IllegalStateException();
                };
                if (op == AggregateOp.AVG && !incr[g][k] && n == 1) {
                    r = val[g][k];
                }
                s.set(k, r);
            }
            out.series.add(s);
        }
        return out;
    }

    private static long kParam(double p) {
        if (Double.isNaN(p)) {
            throw new EvalException("Parameter value is NaN");
        }
        if (p >= 9.223372036854775807E18 || p <= -9.223372036854775808E18) {
            throw new EvalException("Scalar value " + ValueFormat.formatG(p) + " overflows int64");
        }
        return (long) p;
    }

    /** topk, bottomk, limitk, limit_ratio: output samples keep their own labels. */
    private static StepMatrix selectK(Evaluator ev, AggregateExpr a, StepMatrix in, int[] gid, int ng, double[] param) {
        int steps = ev.steps;
        Collector out = new Collector(steps);
        int n = in.series.size();
        // For range queries output order does not matter; for instant queries it is the result order.
        List<List<Integer>> members = new ArrayList<>(ng);
        for (int g = 0; g < ng; g++) {
            members.add(new ArrayList<>());
        }
        double[] offsets = null;
        if (a.op == AggregateOp.LIMIT_RATIO) {
            offsets = new double[n];
            for (int i = 0; i < n; i++) {
                offsets[i] = XxHash.ratioOffset(in.series.get(i).labels);
            }
        }
        for (int k = 0; k < steps; k++) {
            ev.ctx.check();
            double p = param[k];
            long kk = 0;
            double ratio = 0;
            if (a.op == AggregateOp.LIMIT_RATIO) {
                if (Double.isNaN(p)) {
                    throw new EvalException("Ratio value is NaN");
                }
                ratio = p;
                if (ratio < -1 || ratio > 1) {
                    double capped = Math.max(-1, Math.min(1, ratio));
                    ev.ctx.warn("ratio value should be between -1 and 1, got " + ValueFormat.formatG(ratio)
                            + ", capping to " + ValueFormat.formatG(capped), a.param.start);
                    ratio = capped;
                }
            } else {
                kk = kParam(p);
                if (kk < 1) {
                    continue;
                }
            }
            for (List<Integer> m : members) {
                m.clear();
            }
            for (int i = 0; i < n; i++) {
                if (in.series.get(i).has[k]) {
                    members.get(gid[i]).add(i);
                }
            }
            for (int g = 0; g < ng; g++) {
                List<Integer> m = members.get(g);
                if (m.isEmpty()) {
                    continue;
                }
                List<Integer> chosen;
                final int step = k;
                switch (a.op) {
                    case LIMITK -> chosen = m.subList(0, (int) Math.min(kk, m.size()));
                    case LIMIT_RATIO -> {
                        chosen = new ArrayList<>();
                        for (int i : m) {
                            double off = offsets[i];
                            if ((ratio >= 0 && off < ratio) || (ratio < 0 && off >= 1.0 + ratio)) {
                                chosen.add(i);
                            }
                        }
                    }
                    default -> {
                        boolean top = a.op == AggregateOp.TOPK;
                        // Heap semantics of Prometheus: keep the first k, replace the weakest when
                        // a better one arrives; NaN counts as the weakest for both directions.
                        List<Integer> heap = new ArrayList<>();
                        for (int i : m) {
                            double x = in.series.get(i).v[step];
                            if (heap.size() < kk) {
                                heap.add(i);
                                continue;
                            }
                            int weakest = weakest(heap, in, step, top);
                            double w = in.series.get(heap.get(weakest)).v[step];
                            boolean better = top ? (w < x || (Double.isNaN(w) && !Double.isNaN(x)))
                                    : (w > x || (Double.isNaN(w) && !Double.isNaN(x)));
                            if (better) {
                                heap.set(weakest, i);
                            }
                        }
                        heap.sort((x, y) -> {
                            double vx = in.series.get(x).v[step];
                            double vy = in.series.get(y).v[step];
                            if (Double.isNaN(vx) || Double.isNaN(vy)) {
                                return Boolean.compare(Double.isNaN(vx), Double.isNaN(vy));
                            }
                            return top ? Double.compare(vy, vx) : Double.compare(vx, vy);
                        });
                        chosen = heap;
                    }
                }
                for (int i : chosen) {
                    StepSeries s = in.series.get(i);
                    out.add(s.labels, s.dropName, k, s.v[k]);
                }
            }
        }
        return out.result();
    }

    private static int weakest(List<Integer> heap, StepMatrix in, int step, boolean top) {
        int best = 0;
        for (int j = 1; j < heap.size(); j++) {
            double a = in.series.get(heap.get(j)).v[step];
            double b = in.series.get(heap.get(best)).v[step];
            if (Double.isNaN(b)) {
                continue;
            }
            if (Double.isNaN(a) || (top ? a < b : a > b)) {
                best = j;
            }
        }
        return best;
    }

    private static StepMatrix quantile(Evaluator ev, AggregateExpr a, StepMatrix in, int[] gid, List<Labels> groups, double[] param) {
        int steps = ev.steps;
        int ng = groups.size();
        StepSeries[] outS = new StepSeries[ng];
        double[][] vals = new double[ng][];
        int[] cnt = new int[ng];
        for (int k = 0; k < steps; k++) {
            double q = param[k];
            if (Double.isNaN(q) || q < 0 || q > 1) {
                ev.ctx.warn("quantile value should be between 0 and 1, got " + ValueFormat.formatG(q), a.param.start);
            }
            Arrays.fill(cnt, 0);
            for (int i = 0; i < in.series.size(); i++) {
                StepSeries s = in.series.get(i);
                if (!s.has[k]) {
                    continue;
                }
                int g = gid[i];
                if (vals[g] == null || vals[g].length == cnt[g]) {
                    vals[g] = vals[g] == null ? new double[8] : Arrays.copyOf(vals[g], vals[g].length * 2);
                }
                vals[g][cnt[g]++] = s.v[k];
                if (outS[g] == null) {
                    outS[g] = new StepSeries(groups.get(g), steps, false);
                }
                outS[g].dropName |= s.dropName;
            }
            for (int g = 0; g < ng; g++) {
                if (cnt[g] > 0) {
                    outS[g].set(k, quantileOf(q, vals[g], cnt[g]));
                }
            }
        }
        StepMatrix out = new StepMatrix();
        for (StepSeries s : outS) {
            if (s != null) {
                out.series.add(s);
            }
        }
        return out;
    }

    /** Prometheus's quantile: linear interpolation between closest ranks; NaNs sort first. */
    static double quantileOf(double q, double[] values, int n) {
        if (n == 0 || Double.isNaN(q)) {
            return Double.NaN;
        }
        if (q < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (q > 1) {
            return Double.POSITIVE_INFINITY;
        }
        double[] v = Arrays.copyOf(values, n);
        sortNaNFirst(v);
        double rank = q * (n - 1);
        double lower = Math.max(0, Math.floor(rank));
        double upper = Math.min(n - 1, lower + 1);
        double weight = rank - Math.floor(rank);
        return v[(int) lower] * (1 - weight) + v[(int) upper] * weight;
    }

    static void sortNaNFirst(double[] v) {
        Arrays.sort(v); // Java puts NaN last; rotate them to the front
        int nan = 0;
        for (int i = v.length - 1; i >= 0 && Double.isNaN(v[i]); i--) {
            nan++;
        }
        if (nan > 0 && nan < v.length) {
            double[] copy = v.clone();
            System.arraycopy(copy, v.length - nan, v, 0, nan);
            System.arraycopy(copy, 0, v, nan, v.length - nan);
        }
    }

    private static StepMatrix countValues(Evaluator ev, AggregateExpr a, StepMatrix in, String label) {
        if (!isValidLabelName(label)) {
            throw new EvalException("invalid label name " + dev.pharos.promql.ast.Printer.quote(label));
        }
        int steps = ev.steps;
        Map<Labels, StepSeries> groups = new HashMap<>();
        StepMatrix out = new StepMatrix();
        for (StepSeries s : in.series) {
            for (int k = 0; k < steps; k++) {
                if (!s.has[k]) {
                    continue;
                }
                Labels.Builder b = groupKey(s.labels, a).toBuilder();
                b.set(label, ValueFormat.formatPlain(s.v[k]));
                Labels key = b.build();
                StepSeries g = groups.get(key);
                if (g == null) {
                    g = new StepSeries(key, steps, false);
                    groups.put(key, g);
                    out.series.add(g);
                }
                g.set(k, g.has[k] ? g.v[k] + 1 : 1);
            }
        }
        return out;
    }

    static boolean isValidLabelName(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0xDC80 && c <= 0xDCFF) {
                return false; // an invalid UTF-8 byte
            }
        }
        return true;
    }
}
