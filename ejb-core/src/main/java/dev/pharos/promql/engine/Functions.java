package dev.pharos.promql.engine;

import dev.pharos.model.LabelMatcher;
import dev.pharos.model.Labels;
import dev.pharos.model.MatchType;
import dev.pharos.promql.ValueFormat;
import dev.pharos.promql.ast.Call;
import dev.pharos.promql.ast.Expr;
import dev.pharos.promql.ast.MatrixSelector;
import dev.pharos.promql.ast.ParenExpr;
import dev.pharos.promql.ast.ValueType;
import dev.pharos.promql.ast.VectorSelector;
import dev.pharos.model.GoRegex;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/** The PromQL functions on floats. */
final class Functions {
    private Functions() {
    }

    /** Marker for "no output at this step" from a range kernel (a NaN payload arithmetic never yields). */
    static final long NONE_BITS = 0x7ff00000000dead1L;
    static final double NONE = Double.longBitsToDouble(NONE_BITS);

    static boolean isNone(double v) {
        return Double.doubleToRawLongBits(v) == NONE_BITS;
    }

    private static Expr unwrap(Expr e) {
        while (e instanceof ParenExpr p) {
            e = p.expr;
        }
        return e;
    }

    // ------------------------------------------------------------------ scalar-valued

    static double[] scalarCall(Evaluator ev, Call c) {
        int steps = ev.steps;
        double[] out = new double[steps];
        switch (c.func.name) {
            case "time" -> {
                for (int k = 0; k < steps; k++) {
                    out[k] = ev.ts(k) / 1000.0;
                }
            }
            case "pi" -> Arrays.fill(out, Math.PI);
            case "step" -> Arrays.fill(out, ev.ctx.rangeQuery ? ev.ctx.queryStep / 1000.0 : 0);
            case "start" -> Arrays.fill(out, ev.ctx.queryStart / 1000.0);
            case "end" -> Arrays.fill(out, ev.ctx.queryEnd / 1000.0);
            case "range" -> Arrays.fill(out, (ev.ctx.queryEnd - ev.ctx.queryStart) / 1000.0);
            case "scalar" -> {
                StepMatrix m = ev.evalVector(c.args.get(0));
                int[] n = new int[steps];
                for (StepSeries s : m.series) {
                    for (int k = 0; k < steps; k++) {
                        if (s.has[k]) {
                            n[k]++;
                            out[k] = s.v[k];
                        }
                    }
                }
                for (int k = 0; k < steps; k++) {
                    if (n[k] != 1) {
                        out[k] = Double.NaN;
                    }
                }
            }
            case "min_of", "max_of" -> {
                double[] a = ev.evalScalar(c.args.get(0));
                double[] b = ev.evalScalar(c.args.get(1));
                boolean min = c.func.name.equals("min_of");
                for (int k = 0; k < steps; k++) {
                    out[k] = min ? Math.min(a[k], b[k]) : Math.max(a[k], b[k]);
                }
            }
            default -> throw new IllegalStateException("unknown scalar function " + c.func.name);
        }
        return out;
    }

    // ------------------------------------------------------------------ vector-valued

    static StepMatrix vectorCall(Evaluator ev, Call c) {
        String name = c.func.name;
        for (int i = 0; i < c.args.size(); i++) {
            if (c.args.get(i).type() == ValueType.MATRIX) {
                return rangeCall(ev, c, i);
            }
        }
        switch (name) {
            case "timestamp" -> {
                Expr arg = unwrap(c.args.get(0));
                StepMatrix m;
                if (arg instanceof VectorSelector vs) {
                    m = ev.selectVector(vs, true);
                } else {
                    m = ev.evalVector(arg);
                    for (StepSeries s : m.series) {
                        for (int k = 0; k < ev.steps; k++) {
                            s.v[k] = ev.ts(k) / 1000.0;
                        }
                    }
                }
                for (StepSeries s : m.series) {
                    s.dropName = true;
                }
                return m;
            }
            case "vector" -> {
                double[] v = ev.evalScalar(c.args.get(0));
                StepSeries s = new StepSeries(Labels.EMPTY, ev.steps, false);
                for (int k = 0; k < ev.steps; k++) {
                    s.set(k, v[k]);
                }
                StepMatrix m = new StepMatrix();
                m.series.add(s);
                return m;
            }
            case "absent" -> {
                StepMatrix m = ev.evalVector(c.args.get(0));
                boolean[] any = new boolean[ev.steps];
                for (StepSeries s : m.series) {
                    for (int k = 0; k < ev.steps; k++) {
                        any[k] |= s.has[k];
                    }
                }
                return absentResult(ev, any, c.args.get(0));
            }
            case "label_replace" -> {
                return labelReplace(ev, c);
            }
            case "label_join" -> {
                return labelJoin(ev, c);
            }
            case "sort", "sort_desc", "sort_by_label", "sort_by_label_desc" -> {
                return sort(ev, c);
            }
            case "histogram_quantile", "histogram_fraction", "histogram_quantiles" -> {
                return classicHistogram(ev, c);
            }
            case "histogram_count", "histogram_sum", "histogram_avg", "histogram_stddev", "histogram_stdvar" -> {
                ev.evalVector(c.args.get(0));
                return new StepMatrix(); // float samples are not native histograms: no output
            }
            case "info" -> {
                return InfoFunction.eval(ev, c);
            }
            case "days_in_month", "day_of_month", "day_of_week", "day_of_year", "hour", "minute", "month", "year" -> {
                StepMatrix m;
                if (c.args.isEmpty()) {
                    m = new StepMatrix();
                    StepSeries s = new StepSeries(Labels.EMPTY, ev.steps, false);
                    for (int k = 0; k < ev.steps; k++) {
                        s.set(k, ev.ts(k) / 1000.0);
                    }
                    m.series.add(s);
                } else {
                    m = ev.evalVector(c.args.get(0));
                }
                for (StepSeries s : m.series) {
                    for (int k = 0; k < ev.steps; k++) {
                        if (s.has[k]) {
                            s.v[k] = dateFunction(name, s.v[k]);
                        }
                    }
                    s.dropName = true;
                }
                return m;
            }
            default -> {
            }
        }
        // Element-wise math functions, with optional scalar parameters.
        StepMatrix m = ev.evalVector(c.args.get(0));
        double[] p1 = c.args.size() > 1 ? ev.evalScalar(c.args.get(1)) : null;
        double[] p2 = c.args.size() > 2 ? ev.evalScalar(c.args.get(2)) : null;
        List<StepSeries> kept = new ArrayList<>(m.series.size());
        for (StepSeries s : m.series) {
            for (int k = 0; k < ev.steps; k++) {
                if (!s.has[k]) {
                    continue;
                }
                double x = s.v[k];
                double r;
                switch (name) {
                    case "abs" -> r = Math.abs(x);
                    case "ceil" -> r = Math.ceil(x);
                    case "floor" -> r = Math.floor(x);
                    case "exp" -> r = Math.exp(x);
                    case "sqrt" -> r = Math.sqrt(x);
                    case "ln" -> r = Math.log(x);
                    case "log2" -> r = log2(x);
                    case "log10" -> r = Math.log10(x);
                    case "sgn" -> r = x > 0 ? 1 : x < 0 ? -1 : x;
                    case "deg" -> r = x * 180 / Math.PI;
                    case "rad" -> r = x * Math.PI / 180;
                    case "acos" -> r = Math.acos(x);
                    case "acosh" -> r = x < 1 ? Double.NaN : Math.log(x + Math.sqrt(x * x - 1));
                    case "asin" -> r = Math.asin(x);
                    case "asinh" -> r = asinh(x);
                    case "atan" -> r = Math.atan(x);
                    case "atanh" -> r = atanh(x);
                    case "cos" -> r = Math.cos(x);
                    case "cosh" -> r = Math.cosh(x);
                    case "sin" -> r = Math.sin(x);
                    case "sinh" -> r = Math.sinh(x);
                    case "tan" -> r = Math.tan(x);
                    case "tanh" -> r = Math.tanh(x);
                    case "round" -> {
                        double toNearest = p1 == null ? 1 : p1[k];
                        double inv = 1.0 / toNearest;
                        r = Math.floor(x * inv + 0.5) / inv;
                    }
                    case "clamp" -> {
                        double min = p1[k];
                        double max = p2[k];
                        if (max < min) {
                            s.has[k] = false;
                            s.count--;
                            continue;
                        }
                        r = Math.max(min, Math.min(max, x));
                    }
                    case "clamp_max" -> r = Math.min(p1[k], x);
                    case "clamp_min" -> r = Math.max(p1[k], x);
                    default -> throw new IllegalStateException("unknown function " + name);
                }
                s.v[k] = r;
            }
            s.dropName = true;
            if (s.count > 0) {
                kept.add(s);
            }
        }
        return new StepMatrix(kept);
    }

    /** Go's math.Log2: exact for powers of two. */
    private static double log2(double x) {
        if (Double.isNaN(x) || x < 0) {
            return Double.NaN;
        }
        if (x == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (Double.isInfinite(x)) {
            return x;
        }
        int exp = Math.getExponent(x);
        double frac;
        if (exp < Double.MIN_EXPONENT) {
            x *= 0x1p52;
            exp = Math.getExponent(x) - 52;
            frac = x / Math.scalb(1.0, Math.getExponent(x));
        } else {
            frac = x / Math.scalb(1.0, exp);
        }
        // Go's Frexp returns frac in [0.5, 1): shift by one
        frac /= 2;
        exp += 1;
        if (frac == 0.5) {
            return exp - 1;
        }
        return Math.log(frac) * (1 / Math.log(2)) + exp;
    }

    private static double asinh(double x) {
        if (Double.isInfinite(x) || x == 0) {
            return x;
        }
        double a = Math.abs(x);
        double r = Math.log(a + Math.sqrt(a * a + 1));
        return x < 0 ? -r : r;
    }

    private static double atanh(double x) {
        if (x == 0) {
            return x;
        }
        return 0.5 * Math.log((1 + x) / (1 - x));
    }

    private static double dateFunction(String name, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.NaN;
        }
        ZonedDateTime t = Instant.ofEpochSecond((long) v).atZone(ZoneOffset.UTC);
        return switch (name) {
            case "days_in_month" -> t.toLocalDate().lengthOfMonth();
            case "day_of_month" -> t.getDayOfMonth();
            case "day_of_week" -> t.getDayOfWeek().getValue() % 7;
            case "day_of_year" -> t.getDayOfYear();
            case "hour" -> t.getHour();
            case "minute" -> t.getMinute();
            case "month" -> t.getMonthValue();
            case "year" -> t.getYear();
            default -> throw new IllegalStateException(name);
        };
    }

    // ------------------------------------------------------------------ absent

    static Labels absentLabels(Expr e) {
        e = unwrap(e);
        List<LabelMatcher> lm;
        if (e instanceof VectorSelector vs) {
            lm = vs.matchers;
        } else if (e instanceof MatrixSelector ms) {
            lm = ms.selector.matchers;
        } else {
            return Labels.EMPTY;
        }
        Labels.Builder b = new Labels.Builder();
        Set<String> has = new HashSet<>();
        for (LabelMatcher m : lm) {
            if (m.name().equals(Labels.METRIC_NAME)) {
                continue;
            }
            if (m.type() == MatchType.EQUAL && !has.contains(m.name())) {
                b.set(m.name(), m.value());
                has.add(m.name());
            } else {
                b.remove(m.name());
            }
        }
        return b.build();
    }

    private static StepMatrix absentResult(Evaluator ev, boolean[] any, Expr arg) {
        StepMatrix out = new StepMatrix();
        StepSeries s = new StepSeries(absentLabels(arg), ev.steps, true);
        for (int k = 0; k < ev.steps; k++) {
            if (!any[k]) {
                s.set(k, 1);
            }
        }
        if (s.count > 0) {
            out.series.add(s);
        }
        return out;
    }

    // ------------------------------------------------------------------ labels

    /** RE2 syntax, as Prometheus compiles it (anchored at use: {@link GoRegex#matchWhole}). */
    static GoRegex compileRegex(String re, String fn) {
        try {
            return GoRegex.compile(re);
        } catch (IllegalArgumentException e) {
            throw new EvalException("invalid regular expression in " + fn + "(): " + re);
        }
    }

    private static StepMatrix labelReplace(Evaluator ev, Call c) {
        String dst = ev.evalString(c.args.get(1));
        String repl = ev.evalString(c.args.get(2));
        String src = ev.evalString(c.args.get(3));
        String re = ev.evalString(c.args.get(4));
        GoRegex p = compileRegex(re, "label_replace");
        if (!Aggregations.isValidLabelName(dst)) {
            throw new EvalException("invalid destination label name in label_replace(): " + dst);
        }
        StepMatrix m = ev.evalVector(c.args.get(0));
        Collector out = new Collector(ev.steps);
        for (StepSeries s : m.series) {
            Labels l = s.labels;
            boolean drop = s.dropName;
            Matcher mt = p.matchWhole(l.getOrEmpty(src));
            if (mt != null) {
                String res = p.expand(repl, mt);
                l = l.toBuilder().set(dst, res).build();
                if (dst.equals(Labels.METRIC_NAME)) {
                    drop = false;
                }
            }
            out.addSeries(l, drop, s);
        }
        return out.result();
    }

    private static StepMatrix labelJoin(Evaluator ev, Call c) {
        String dst = ev.evalString(c.args.get(1));
        String sep = ev.evalString(c.args.get(2));
        List<String> srcs = new ArrayList<>();
        for (int i = 3; i < c.args.size(); i++) {
            String src = ev.evalString(c.args.get(i));
            if (!Aggregations.isValidLabelName(src)) {
                throw new EvalException("invalid source label name in label_join(): " + src);
            }
            srcs.add(src);
        }
        if (!Aggregations.isValidLabelName(dst)) {
            throw new EvalException("invalid destination label name in label_join(): " + dst);
        }
        StepMatrix m = ev.evalVector(c.args.get(0));
        Collector out = new Collector(ev.steps);
        for (StepSeries s : m.series) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < srcs.size(); i++) {
                if (i > 0) {
                    sb.append(sep);
                }
                sb.append(s.labels.getOrEmpty(srcs.get(i)));
            }
            Labels l = s.labels.toBuilder().set(dst, sb.toString()).build();
            boolean drop = s.dropName && !dst.equals(Labels.METRIC_NAME);
            out.addSeries(l, drop, s);
        }
        return out.result();
    }

    // ------------------------------------------------------------------ sorting

    private static StepMatrix sort(Evaluator ev, Call c) {
        List<String> labels = new ArrayList<>();
        for (int i = 1; i < c.args.size(); i++) {
            labels.add(ev.evalString(c.args.get(i)));
        }
        StepMatrix m = ev.evalVector(c.args.get(0));
        if (ev.ctx.rangeQuery) {
            ev.ctx.warn("sort is ineffective for range queries since results are always ordered by labels", c.start);
            return m;
        }
        if (ev.steps != 1) {
            return m;
        }
        List<StepSeries> list = new ArrayList<>(m.series);
        switch (c.func.name) {
            case "sort" -> list.sort((a, b) -> cmpNaNLast(a.v[0], b.v[0], false));
            case "sort_desc" -> list.sort((a, b) -> cmpNaNLast(a.v[0], b.v[0], true));
            default -> {
                boolean desc = c.func.name.endsWith("_desc");
                list.sort((a, b) -> {
                    for (String l : labels) {
                        String x = a.labels.getOrEmpty(l);
                        String y = b.labels.getOrEmpty(l);
                        if (x.equals(y)) {
                            continue;
                        }
                        boolean less = NatSort.less(x, y);
                        return desc ? (less ? 1 : -1) : (less ? -1 : 1);
                    }
                    return desc ? b.labels.compareTo(a.labels) : a.labels.compareTo(b.labels);
                });
            }
        }
        return new StepMatrix(list);
    }

    private static int cmpNaNLast(double a, double b, boolean desc) {
        boolean an = Double.isNaN(a);
        boolean bn = Double.isNaN(b);
        if (an || bn) {
            return Boolean.compare(an, bn);
        }
        return desc ? Double.compare(b, a) : Double.compare(a, b);
    }

    // ------------------------------------------------------------------ classic histograms

    private static String quantileLabel(double q) {
        String s = ValueFormat.formatPlain(q);
        if (!Double.isNaN(q) && !Double.isInfinite(q) && s.indexOf('.') < 0 && s.indexOf('e') < 0) {
            s += ".0";
        }
        return s;
    }

    private static StepMatrix classicHistogram(Evaluator ev, Call c) {
        String fn = c.func.name;
        int steps = ev.steps;
        Expr vecArg;
        double[][] params;
        String qLabel = null;
        if (fn.equals("histogram_quantile")) {
            params = new double[][] {ev.evalScalar(c.args.get(0))};
            vecArg = c.args.get(1);
        } else if (fn.equals("histogram_fraction")) {
            params = new double[][] {ev.evalScalar(c.args.get(0)), ev.evalScalar(c.args.get(1))};
            vecArg = c.args.get(2);
        } else {
            vecArg = c.args.get(0);
            qLabel = ev.evalString(c.args.get(1));
            params = new double[c.args.size() - 2][];
            for (int i = 2; i < c.args.size(); i++) {
                params[i - 2] = ev.evalScalar(c.args.get(i));
            }
        }
        if (!fn.equals("histogram_fraction")) {
            int pos = fn.equals("histogram_quantile") ? c.args.get(0).start : c.args.get(2).start;
            for (double[] p : params) {
                for (int k = 0; k < steps; k++) {
                    double q = p[k];
                    if (Double.isNaN(q) || q < 0 || q > 1) {
                        ev.ctx.warn("quantile value should be between 0 and 1, got " + ValueFormat.formatG(q), pos);
                    }
                }
            }
        }
        StepMatrix in = ev.evalVector(vecArg);
        Map<Labels, Integer> groupIds = new HashMap<>();
        List<Labels> groupLabels = new ArrayList<>();
        List<String> groupNames = new ArrayList<>();
        int n = in.series.size();
        int[] gid = new int[n];
        double[] le = new double[n];
        for (int i = 0; i < n; i++) {
            StepSeries s = in.series.get(i);
            Double ub = GoFloat.parse(s.labels.get("le"));
            if (ub == null) {
                gid[i] = -1;
                continue;
            }
            le[i] = ub;
            Labels key = s.labels.toBuilder().remove("le").build();
            Integer id = groupIds.get(key);
            if (id == null) {
                id = groupLabels.size();
                groupIds.put(key, id);
                groupLabels.add(Engine.dropName(key));
                groupNames.add(s.labels.metricName());
            }
            gid[i] = id;
        }
        int ng = groupLabels.size();
        int[] cnt = new int[ng];
        double[][] gLe = new double[ng][4];
        double[][] gCnt = new double[ng][4];
        double[] res = new double[2];
        double[] leTmp = new double[4];
        double[] cntTmp = new double[4];
        Collector out = new Collector(steps);
        for (int k = 0; k < steps; k++) {
            ev.ctx.check();
            Arrays.fill(cnt, 0);
            for (int i = 0; i < n; i++) {
                StepSeries s = in.series.get(i);
                if (!s.has[k]) {
                    continue;
                }
                if (gid[i] < 0) {
                    ev.ctx.warn("bucket label \"le\" is missing or has a malformed value of \""
                            + s.labels.getOrEmpty("le") + "\" for metric name \"" + s.labels.getOrEmpty(Labels.METRIC_NAME) + "\"",
                            vecArg.start);
                    continue;
                }
                int g = gid[i];
                int j = cnt[g]++;
                gLe[g] = Histograms.grow(gLe[g], j + 1);
                gCnt[g] = Histograms.grow(gCnt[g], j + 1);
                gLe[g][j] = le[i];
                gCnt[g][j] = s.v[k];
            }
            for (int g = 0; g < ng; g++) {
                int bn = cnt[g];
                if (bn == 0) {
                    continue;
                }
                for (int p = 0; p < params.length; p++) {
                    leTmp = Histograms.grow(leTmp, bn);
                    cntTmp = Histograms.grow(cntTmp, bn);
                    System.arraycopy(gLe[g], 0, leTmp, 0, bn);
                    System.arraycopy(gCnt[g], 0, cntTmp, 0, bn);
                    double v;
                    if (fn.equals("histogram_fraction")) {
                        v = Histograms.bucketFraction(params[0][k], params[1][k], leTmp, cntTmp, bn, res);
                    } else {
                        Histograms.bucketQuantile(params[p][k], leTmp, cntTmp, bn, res);
                        v = res[0];
                        if (res[1] != 0) {
                            ev.ctx.info("input to histogram_quantile needed to be fixed for monotonicity (see "
                                    + "https://prometheus.io/docs/prometheus/latest/querying/functions/#histogram_quantile) "
                                    + "for metric name \"" + (groupNames.get(g) == null ? "" : groupNames.get(g)) + "\"", vecArg.start);
                        }
                    }
                    Labels l = groupLabels.get(g);
                    if (qLabel != null) {
                        l = l.toBuilder().set(qLabel, quantileLabel(params[p][k])).build();
                    }
                    out.add(l, true, k, v);
                    if (fn.equals("histogram_fraction")) {
                        break;
                    }
                }
            }
        }
        return out.result();
    }

    // ------------------------------------------------------------------ range-vector functions

    private static boolean keepsName(String fn) {
        return fn.equals("last_over_time") || fn.equals("first_over_time");
    }

    private static StepMatrix rangeCall(Evaluator ev, Call c, int matrixArg) {
        String fn = c.func.name;
        int steps = ev.steps;
        double[][] sargs = new double[c.args.size()][];
        for (int i = 0; i < c.args.size(); i++) {
            if (i != matrixArg && c.args.get(i).type() == ValueType.SCALAR) {
                sargs[i] = ev.evalScalar(c.args.get(i));
            }
        }
        Expr rangeArg = c.args.get(matrixArg);
        if (fn.equals("double_exponential_smoothing")) {
            for (int k = 0; k < steps; k++) {
                double sf = sargs[1][k];
                double tf = sargs[2][k];
                if (!(sf > 0 && sf < 1)) {
                    throw new EvalException("invalid smoothing factor. Expected: 0 < sf < 1, got: " + goF(sf));
                }
                if (!(tf > 0 && tf < 1)) {
                    throw new EvalException("invalid trend factor. Expected: 0 < tf < 1, got: " + goF(tf));
                }
            }
        }
        if (fn.equals("quantile_over_time")) {
            for (int k = 0; k < steps; k++) {
                double q = sargs[0][k];
                if (Double.isNaN(q) || q < 0 || q > 1) {
                    ev.ctx.warn("quantile value should be between 0 and 1, got " + ValueFormat.formatG(q), c.args.get(0).start);
                }
            }
        }
        final int code = kernelCode(fn);
        Expr unwrapped = unwrap(rangeArg);
        if (unwrapped instanceof MatrixSelector ms && (ms.smoothed || ms.anchored)) {
            if (ms.smoothed && !(fn.equals("delta") || fn.equals("increase") || fn.equals("rate"))) {
                throw new EvalException("smoothed modifier can only be used with: delta, increase, rate - not with " + fn);
            }
            if (ms.anchored && !(fn.equals("changes") || fn.equals("delta") || fn.equals("increase") || fn.equals("rate")
                    || fn.equals("resets"))) {
                throw new EvalException("anchored modifier can only be used with: changes, delta, increase, rate, resets - not with " + fn);
            }
        }
        ev.counterInterpolation = fn.equals("rate") || fn.equals("increase");
        final boolean absent = fn.equals("absent_over_time");
        final boolean counterCheck = fn.equals("rate") || fn.equals("increase");
        final boolean[] anyPresent = absent ? new boolean[steps] : null;
        StepMatrix out = new StepMatrix();
        double[] scratch = new double[16];
        class RangeConsumer implements Evaluator.WindowConsumer {
            StepSeries cur;
            boolean sawSamples;

            @Override
            public boolean series(Labels labels, boolean dropName) {
                finish();
                cur = new StepSeries(labels, steps, dropName || !keepsName(fn));
                sawSamples = false;
                return true;
            }

            @Override
            public void step(int k, Window w) {
                if (w.to == w.from) {
                    return;
                }
                sawSamples = true;
                if (absent) {
                    anyPresent[k] = true;
                    return;
                }
                double r = kernel(code, w, sargs, k, scratch);
                if (!isNone(r)) {
                    cur.set(k, r);
                }
            }

            void finish() {
                if (cur != null) {
                    if (counterCheck && sawSamples) {
                        String mn = cur.labels.metricName();
                        if (mn != null && !mn.endsWith("_total") && !mn.endsWith("_sum") && !mn.endsWith("_count")
                                && !mn.endsWith("_bucket")) {
                            ev.ctx.info("metric might not be a counter, name does not end in _total/_sum/_count/_bucket: \""
                                    + mn + "\"", rangeArg.start);
                        }
                    }
                    if (cur.count > 0) {
                        ev.ctx.addSamples(cur.count);
                        out.series.add(cur);
                    }
                    cur = null;
                }
            }
        }
        RangeConsumer consumer = new RangeConsumer();
        ev.forEachWindow(rangeArg, consumer);
        consumer.finish();
        if (absent) {
            return absentResult(ev, anyPresent, rangeArg);
        }
        return out;
    }

    private static String goF(double v) {
        return String.format(java.util.Locale.ROOT, "%f", v);
    }

    static int kernelCode(String fn) {
        return switch (fn) {
            case "rate" -> 1;
            case "increase" -> 2;
            case "delta" -> 3;
            case "irate" -> 4;
            case "idelta" -> 5;
            case "avg_over_time" -> 6;
            case "sum_over_time" -> 7;
            case "count_over_time" -> 8;
            case "min_over_time" -> 9;
            case "max_over_time" -> 10;
            case "last_over_time" -> 11;
            case "first_over_time" -> 12;
            case "stddev_over_time" -> 13;
            case "stdvar_over_time" -> 14;
            case "quantile_over_time" -> 15;
            case "mad_over_time" -> 16;
            case "present_over_time" -> 17;
            case "changes" -> 18;
            case "resets" -> 19;
            case "deriv" -> 20;
            case "predict_linear" -> 21;
            case "double_exponential_smoothing" -> 22;
            case "ts_of_max_over_time" -> 23;
            case "ts_of_min_over_time" -> 24;
            case "ts_of_last_over_time" -> 25;
            case "ts_of_first_over_time" -> 26;
            case "absent_over_time" -> 27;
            default -> throw new IllegalStateException("unknown range function " + fn);
        };
    }

    static double kernel(int code, Window w, double[][] sargs, int k, double[] scratch) {
        long[] t = w.t;
        double[] v = w.v;
        int from = w.from;
        int to = w.to;
        int n = to - from;
        switch (code) {
            case 1, 2, 3 -> {
                return extrapolatedRate(w, code != 3, code == 1);
            }
            case 4, 5 -> {
                if (n < 2) {
                    return NONE;
                }
                double last = v[to - 1];
                double prev = v[to - 2];
                double r = (code == 4 && last < prev) ? last : last - prev;
                long dt = t[to - 1] - t[to - 2];
                if (dt == 0) {
                    return NONE;
                }
                if (code == 4) {
                    r /= dt / 1000.0;
                }
                return r;
            }
            case 6 -> {
                double sum = v[from];
                double count = 1;
                double mean = 0;
                double[] c = {0};
                boolean incremental = false;
                for (int i = from + 1; i < to; i++) {
                    double f = v[i];
                    count = i - from + 1;
                    if (!incremental) {
                        double[] c2 = {c[0]};
                        double ns = Kahan.inc(f, sum, c2);
                        if (!Double.isInfinite(ns)) {
                            sum = ns;
                            c[0] = c2[0];
                            continue;
                        }
                        incremental = true;
                        mean = sum / (count - 1);
                        c[0] /= (count - 1);
                    }
                    double q = (count - 1) / count;
                    c[0] = q * c[0];
                    mean = Kahan.inc(f / count, q * mean, c);
                }
                if (incremental) {
                    return mean + c[0];
                }
                return sum / count + c[0] / count;
            }
            case 7 -> {
                double sum = 0;
                double[] c = {0};
                for (int i = from; i < to; i++) {
                    sum = Kahan.inc(v[i], sum, c);
                }
                return sum + c[0];
            }
            case 8 -> {
                return n;
            }
            case 9, 10 -> {
                double m = v[from];
                for (int i = from + 1; i < to; i++) {
                    double f = v[i];
                    if (code == 10 ? (f > m || Double.isNaN(m)) : (f < m || Double.isNaN(m))) {
                        m = f;
                    }
                }
                return m;
            }
            case 11 -> {
                return v[to - 1];
            }
            case 12 -> {
                return v[from];
            }
            case 13, 14 -> {
                double count = 0;
                double mean = 0;
                double[] cMean = {0};
                double aux = 0;
                double[] cAux = {0};
                for (int i = from; i < to; i++) {
                    double f = v[i];
                    count++;
                    double delta = f - (mean + cMean[0]);
                    mean = Kahan.inc(delta / count, mean, cMean);
                    aux = Kahan.inc(delta * (f - (mean + cMean[0])), aux, cAux);
                }
                double var = (aux + cAux[0]) / count;
                return code == 13 ? Math.sqrt(var) : var;
            }
            case 15 -> {
                double q = sargs[0][k];
                return Aggregations.quantileOf(q, Arrays.copyOfRange(v, from, to), n);
            }
            case 16 -> {
                for (int i = from; i < to; i++) {
                    if (Double.isNaN(v[i])) {
                        return Double.NaN;
                    }
                }
                double[] vals = Arrays.copyOfRange(v, from, to);
                double median = Aggregations.quantileOf(0.5, vals, n);
                for (int i = 0; i < n; i++) {
                    vals[i] = Math.abs(vals[i] - median);
                }
                return Aggregations.quantileOf(0.5, vals, n);
            }
            case 17 -> {
                return 1;
            }
            case 18 -> {
                int changes = 0;
                double prev = v[from];
                for (int i = from + 1; i < to; i++) {
                    double cur = v[i];
                    if (!(cur == prev || (Double.isNaN(cur) && Double.isNaN(prev)))) {
                        changes++;
                    }
                    prev = cur;
                }
                return changes;
            }
            case 19 -> {
                int resets = 0;
                double prev = v[from];
                for (int i = from + 1; i < to; i++) {
                    double cur = v[i];
                    if (cur < prev) {
                        resets++;
                    }
                    prev = cur;
                }
                return resets;
            }
            case 20 -> {
                if (n < 2) {
                    return NONE;
                }
                double[] r = linearRegression(t, v, from, to, t[from]);
                return r[0];
            }
            case 21 -> {
                if (n < 2) {
                    return NONE;
                }
                double[] r = linearRegression(t, v, from, to, w.evalTs);
                return r[0] * sargs[1][k] + r[1];
            }
            case 22 -> {
                if (n < 2) {
                    return NONE;
                }
                double sf = sargs[1][k];
                double tf = sargs[2][k];
                double s0 = 0;
                double s1 = v[from];
                double b = v[from + 1] - v[from];
                for (int i = 1; i < n; i++) {
                    double x = sf * v[from + i];
                    if (i - 1 != 0) {
                        b = tf * (s1 - s0) + (1 - tf) * b;
                    }
                    double y = (1 - sf) * (s1 + b);
                    s0 = s1;
                    s1 = x + y;
                }
                return s1;
            }
            case 23, 24 -> {
                double m = v[from];
                long mt = t[from];
                for (int i = from + 1; i < to; i++) {
                    double f = v[i];
                    if (code == 23 ? (f >= m || Double.isNaN(m)) : (f <= m || Double.isNaN(m))) {
                        m = f;
                        mt = t[i];
                    }
                }
                return mt / 1000.0;
            }
            case 25 -> {
                return t[to - 1] / 1000.0;
            }
            case 26 -> {
                return t[from] / 1000.0;
            }
            default -> throw new IllegalStateException("kernel " + code);
        }
    }

    static double[] linearRegression(long[] t, double[] v, int from, int to, long interceptTime) {
        double n = 0;
        double sumX = 0;
        double sumY = 0;
        double sumXY = 0;
        double sumX2 = 0;
        double[] cX = {0};
        double[] cY = {0};
        double[] cXY = {0};
        double[] cX2 = {0};
        double initY = v[from];
        boolean constY = true;
        for (int i = from; i < to; i++) {
            double y = v[i];
            if (constY && i > from && y != initY) {
                constY = false;
            }
            n += 1;
            double x = (t[i] - interceptTime) / 1e3;
            sumX = Kahan.inc(x, sumX, cX);
            sumY = Kahan.inc(y, sumY, cY);
            sumXY = Kahan.inc(x * y, sumXY, cXY);
            sumX2 = Kahan.inc(x * x, sumX2, cX2);
        }
        if (constY) {
            if (Double.isInfinite(initY)) {
                return new double[] {Double.NaN, Double.NaN};
            }
            return new double[] {0, initY};
        }
        sumX += cX[0];
        sumY += cY[0];
        sumXY += cXY[0];
        sumX2 += cX2[0];
        double covXY = sumXY - sumX * sumY / n;
        double varX = sumX2 - sumX * sumX / n;
        double slope = covXY / varX;
        double intercept = sumY / n - slope * sumX / n;
        return new double[] {slope, intercept};
    }

    static double extrapolatedRate(Window w, boolean isCounter, boolean isRate) {
        int from = w.from;
        int to = w.to;
        int n = to - from;
        if (w.exact && n == 1) {
            return 0;
        }
        if (n < 2) {
            return NONE;
        }
        double[] v = w.v;
        long[] t = w.t;
        if (w.exact) {
            double r = v[to - 1] - v[from];
            if (isCounter) {
                for (int i = from + 1; i < to; i++) {
                    if (v[i] < v[i - 1]) {
                        r += v[i - 1];
                    }
                }
            }
            return isRate ? r / (w.range / 1000.0) : r;
        }
        int numMinusOne = n - 1;
        long firstT = t[from];
        long lastT = t[to - 1];
        double result = v[to - 1] - v[from];
        if (isCounter) {
            double prev = v[from];
            for (int i = from + 1; i < to; i++) {
                double cur = v[i];
                if (cur < prev) {
                    result += prev;
                }
                prev = cur;
            }
        }
        double durationToStart = (firstT - w.rangeStart) / 1000.0;
        double durationToEnd = (w.rangeEnd - lastT) / 1000.0;
        double sampledInterval = (lastT - firstT) / 1000.0;
        double avgBetween = sampledInterval / numMinusOne;
        double threshold = avgBetween * 1.1;
        double extrapolateTo = sampledInterval;
        if (durationToStart >= threshold) {
            durationToStart = avgBetween / 2;
        }
        if (isCounter && result > 0 && v[from] >= 0) {
            double durationToZero = sampledInterval * (v[from] / result);
            if (durationToZero < durationToStart) {
                durationToStart = durationToZero;
            }
        }
        extrapolateTo += durationToStart;
        if (durationToEnd >= threshold) {
            durationToEnd = avgBetween / 2;
        }
        extrapolateTo += durationToEnd;
        double factor = extrapolateTo / sampledInterval;
        if (isRate) {
            factor /= w.range / 1000.0;
        }
        return result * factor;
    }
}
