package dev.pharos.promql.engine;

import dev.pharos.model.Labels;
import dev.pharos.promql.ast.BinaryExpr;
import dev.pharos.promql.ast.BinaryOp;
import dev.pharos.promql.ast.Expr;
import dev.pharos.promql.ast.ValueType;
import dev.pharos.promql.ast.VectorMatching;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Binary operators: arithmetic and comparison on floats, vector matching, set operations. */
final class BinaryOps {
    private BinaryOps() {
    }

    /** Arithmetic as Go computes it (math.Pow/Mod semantics). Comparison ops return lhs. */
    static double arith(BinaryOp op, double l, double r) {
        return switch (op) {
            case ADD -> l + r;
            case SUB -> l - r;
            case MUL -> l * r;
            case DIV -> l / r;
            case MOD -> l % r;
            case POW -> pow(l, r);
            case ATAN2 -> Math.atan2(l, r);
            default -> l;
        };
    }

    static double pow(double x, double y) {
        // Go's math.Pow differs from Java's for these special cases.
        if (x == 1) {
            return 1;
        }
        if (x == -1 && Double.isInfinite(y)) {
            return 1;
        }
        return Math.pow(x, y);
    }

    static boolean compare(BinaryOp op, double l, double r) {
        return switch (op) {
            case EQLC -> l == r;
            case NEQ -> l != r;
            case GTR -> l > r;
            case LSS -> l < r;
            case GTE -> l >= r;
            case LTE -> l <= r;
            default -> throw new IllegalStateException(op.toString());
        };
    }

    static StepMatrix eval(Evaluator ev, BinaryExpr b) {
        ValueType lt = b.lhs.type();
        ValueType rt = b.rhs.type();
        if (lt == ValueType.VECTOR && rt == ValueType.VECTOR && b.op == BinaryOp.OR) {
            return orChain(ev, b);
        }
        if (lt == ValueType.VECTOR && rt == ValueType.VECTOR) {
            StepMatrix l = ev.evalVector(b.lhs);
            StepMatrix r = ev.evalVector(b.rhs);
            StepMatrix out = switch (b.op) {
                case AND, UNLESS -> andUnless(b, l, r);
                default -> vectorVector(ev, b, l, r);
            };
            return out;
        }
        if (lt == ValueType.VECTOR) {
            StepMatrix l = ev.evalVector(b.lhs);
            double[] r = ev.evalScalar(b.rhs);
            return vectorScalar(b, l, r, false);
        }
        double[] l = ev.evalScalar(b.lhs);
        StepMatrix r = ev.evalVector(b.rhs);
        return vectorScalar(b, r, l, true);
    }

    private static StepMatrix vectorScalar(BinaryExpr b, StepMatrix m, double[] sc, boolean swap) {
        BinaryOp op = b.op;
        boolean cmp = op.isComparison();
        List<StepSeries> kept = new ArrayList<>(m.series.size());
        for (StepSeries s : m.series) {
            for (int k = 0; k < s.v.length; k++) {
                if (!s.has[k]) {
                    continue;
                }
                double lv = s.v[k];
                double rv = sc[k];
                if (swap) {
                    double t = lv;
                    lv = rv;
                    rv = t;
                }
                if (cmp) {
                    boolean keep = compare(op, lv, rv);
                    if (b.returnBool) {
                        s.v[k] = keep ? 1 : 0;
                    } else if (!keep) {
                        s.has[k] = false;
                        s.count--;
                    }
                } else {
                    s.v[k] = arith(op, lv, rv);
                }
            }
            if (!cmp || b.returnBool) {
                s.dropName = true;
            }
            if (s.count > 0) {
                kept.add(s);
            }
        }
        return new StepMatrix(kept);
    }

    /**
     * The matching signature of a series: the on() labels, or all but ignoring() labels and the
     * name. Filters the sorted pairs directly (no builder): it runs once per series per operand.
     */
    static Labels signature(Labels l, VectorMatching m) {
        List<String> names = m.matchingLabels;
        int n = l.size();
        String[] kept = null;
        int k = 0;
        for (int i = 0; i < n; i++) {
            String name = l.name(i);
            boolean keep = m.on ? names.contains(name) : !name.equals(Labels.METRIC_NAME) && !names.contains(name);
            if (keep) {
                if (kept != null) {
                    kept[2 * k] = name;
                    kept[2 * k + 1] = l.value(i);
                }
                k++;
            } else if (kept == null) {
                kept = new String[2 * n];
                for (int j = 0; j < k; j++) {
                    kept[2 * j] = l.name(j);
                    kept[2 * j + 1] = l.value(j);
                }
            }
        }
        if (kept == null) {
            return l;
        }
        if (k == 0) {
            return Labels.EMPTY;
        }
        return Labels.fromSortedPairs(k == n ? kept : java.util.Arrays.copyOf(kept, 2 * k));
    }

    private static Map<Labels, boolean[]> presenceBySignature(StepMatrix m, VectorMatching vm, int steps) {
        Map<Labels, boolean[]> map = new HashMap<>();
        for (StepSeries s : m.series) {
            boolean[] p = map.computeIfAbsent(signature(s.labels, vm), x -> new boolean[steps]);
            for (int k = 0; k < steps; k++) {
                p[k] |= s.has[k];
            }
        }
        return map;
    }

    private static StepMatrix andUnless(BinaryExpr b, StepMatrix l, StepMatrix r) {
        int steps = l.series.isEmpty() ? 0 : l.series.get(0).v.length;
        Map<Labels, boolean[]> rp = presenceBySignature(r, b.matching, steps);
        boolean and = b.op == BinaryOp.AND;
        List<StepSeries> kept = new ArrayList<>();
        for (StepSeries s : l.series) {
            boolean[] p = rp.get(signature(s.labels, b.matching));
            for (int k = 0; k < steps; k++) {
                if (s.has[k]) {
                    boolean inR = p != null && p[k];
                    if (inR != and) {
                        s.has[k] = false;
                        s.count--;
                    }
                }
            }
            if (s.count > 0) {
                kept.add(s);
            }
        }
        return new StepMatrix(kept);
    }

    /**
     * {@code a or b or c ...}: a left-deep chain of {@code or} with the same matching is one
     * pass over its operands, left to right. Each operand keeps the samples whose signature
     * no earlier operand had at that step; the presence of signatures is kept in one map that
     * grows with each operand's survivors. Evaluating the chain pairwise would rebuild that
     * map for the whole, growing left side at every level (quadratic in the chain length).
     */
    private static StepMatrix orChain(Evaluator ev, BinaryExpr b) {
        List<Expr> operands = new ArrayList<>();
        collectOr(b, b.matching, operands);
        int steps = ev.steps;
        long before = ev.ctx.currentSamples;
        Map<Labels, boolean[]> present = new HashMap<>();
        List<StepSeries> out = new ArrayList<>();
        List<Labels> sigs = new ArrayList<>();
        for (int i = 0; i < operands.size(); i++) {
            StepMatrix m = ev.evalVector(operands.get(i));
            sigs.clear();
            int firstNew = out.size();
            for (StepSeries s : m.series) {
                ev.ctx.check();
                Labels sig = signature(s.labels, b.matching);
                boolean[] p = i == 0 ? null : present.get(sig);
                if (p != null) {
                    for (int k = 0; k < steps; k++) {
                        if (s.has[k] && p[k]) {
                            s.has[k] = false;
                            s.count--;
                        }
                    }
                }
                if (s.count > 0) {
                    out.add(s);
                    sigs.add(sig);
                }
            }
            // Only now: series of one operand never exclude each other.
            if (i < operands.size() - 1) {
                for (int j = 0; j < sigs.size(); j++) {
                    StepSeries s = out.get(firstNew + j);
                    boolean[] p = present.computeIfAbsent(sigs.get(j), x -> new boolean[steps]);
                    boolean[] has = s.has;
                    for (int k = 0; k < steps; k++) {
                        p[k] |= has[k];
                    }
                }
            }
        }
        ev.ctx.currentSamples = before;
        return new StepMatrix(out);
    }

    /** The operands of a left-deep {@code or} chain whose links all match alike, in evaluation order. */
    private static void collectOr(Expr e, VectorMatching vm, List<Expr> into) {
        if (e instanceof BinaryExpr b && b.op == BinaryOp.OR && sameMatching(b.matching, vm)) {
            collectOr(b.lhs, vm, into);
            into.add(b.rhs);
            return;
        }
        into.add(e);
    }

    private static boolean sameMatching(VectorMatching a, VectorMatching b) {
        return a != null && b != null && a.on == b.on && a.matchingLabels.equals(b.matchingLabels)
                && a.card == b.card && java.util.Objects.equals(a.fillLeft, b.fillLeft)
                && java.util.Objects.equals(a.fillRight, b.fillRight);
    }

    private static StepMatrix vectorVector(Evaluator ev, BinaryExpr b, StepMatrix lm, StepMatrix rm) {
        VectorMatching vm = b.matching;
        int steps = ev.steps;
        Collector out = new Collector(steps);
        Double fillMany = vm.fillLeft;
        Double fillOne = vm.fillRight;
        if ((lm.series.isEmpty() || rm.series.isEmpty()) && fillMany == null && fillOne == null) {
            return out.result();
        }
        boolean swapped = vm.card == VectorMatching.Card.ONE_TO_MANY;
        List<StepSeries> many = swapped ? rm.series : lm.series;
        List<StepSeries> one = swapped ? lm.series : rm.series;
        // Signature ids for both sides.
        Map<Labels, Integer> sigIds = new HashMap<>();
        int[] oneSig = new int[one.size()];
        int[] manySig = new int[many.size()];
        for (int i = 0; i < one.size(); i++) {
            oneSig[i] = sigIds.computeIfAbsent(signature(one.get(i).labels, vm), x -> sigIds.size());
        }
        for (int i = 0; i < many.size(); i++) {
            manySig[i] = sigIds.computeIfAbsent(signature(many.get(i).labels, vm), x -> sigIds.size());
        }
        int nsig = sigIds.size();
        List<List<Integer>> oneBySig = new ArrayList<>(nsig);
        for (int i = 0; i < nsig; i++) {
            oneBySig.add(null);
        }
        for (int i = 0; i < one.size(); i++) {
            List<Integer> g = oneBySig.get(oneSig[i]);
            if (g == null) {
                g = new ArrayList<>(1);
                oneBySig.set(oneSig[i], g);
            }
            g.add(i);
        }
        List<List<Integer>> multi = new ArrayList<>();
        for (List<Integer> g : oneBySig) {
            if (g != null && g.size() > 1) {
                multi.add(g);
            }
        }
        int[] matchedAt = new int[nsig];
        java.util.Arrays.fill(matchedAt, -1);
        int[] oneMatchedAt = new int[one.size()];
        java.util.Arrays.fill(oneMatchedAt, -1);
        Labels[] manyFilledMetric = new Labels[many.size()];
        Labels[] oneFilledMetric = new Labels[one.size()];
        Map<Long, Labels> metricCache = new HashMap<>();
        Map<Labels, Integer> groupedAt = new HashMap<>();
        boolean cmp = b.op.isComparison();
        boolean dropForOp = !cmp || b.returnBool;
        for (int k = 0; k < steps; k++) {
            ev.ctx.check();
            for (List<Integer> g : multi) {
                int first = -1;
                for (int idx : g) {
                    if (one.get(idx).has[k]) {
                        if (first >= 0) {
                            StepSeries a = one.get(idx);
                            StepSeries d = one.get(first);
                            throw new EvalException("found duplicate series for the match group "
                                    + goString(matchLabels(a.labels, vm)) + " on the " + (swapped ? "left" : "right")
                                    + " hand-side of the operation: [" + goString(d.labels) + ", " + goString(a.labels)
                                    + "];many-to-many matching not allowed: matching labels must be unique on one side");
                        }
                        first = idx;
                    }
                }
            }
            for (int i = 0; i < many.size(); i++) {
                StepSeries ls = many.get(i);
                if (!ls.has[k]) {
                    continue;
                }
                List<Integer> g = oneBySig.get(manySig[i]);
                if (g == null && fillOne == null) {
                    continue;
                }
                int ri = -1;
                for (int idx : g == null ? List.<Integer>of() : g) {
                    if (one.get(idx).has[k]) {
                        ri = idx;
                        break;
                    }
                }
                if (ri < 0) {
                    if (fillOne == null) {
                        continue;
                    }
                    // fill_right: the missing "one" side takes the fill value.
                    double fl = swapped ? fillOne : ls.v[k];
                    double fr = swapped ? ls.v[k] : fillOne;
                    Double value = apply(b, fl, fr);
                    if (value == null) {
                        continue;
                    }
                    if (manyFilledMetric[i] == null) {
                        manyFilledMetric[i] = resultMetric(ls.labels, Labels.EMPTY, b.op, vm);
                    }
                    out.add(manyFilledMetric[i], ls.dropName || dropForOp, k, value);
                    continue;
                }
                StepSeries rs = one.get(ri);
                oneMatchedAt[ri] = k;
                int sig = manySig[i];
                if (vm.card == VectorMatching.Card.ONE_TO_ONE) {
                    if (matchedAt[sig] == k) {
                        throw new EvalException("multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)");
                    }
                    matchedAt[sig] = k;
                }
                double fl = ls.v[k];
                double fr = rs.v[k];
                if (swapped) {
                    double t = fl;
                    fl = fr;
                    fr = t;
                }
                double value;
                if (cmp) {
                    boolean keep = compare(b.op, fl, fr);
                    if (b.returnBool) {
                        value = keep ? 1 : 0;
                    } else if (!keep) {
                        continue;
                    } else {
                        value = fl;
                    }
                } else {
                    value = arith(b.op, fl, fr);
                }
                long pairKey = ((long) i << 32) | ri;
                Labels metric = metricCache.get(pairKey);
                if (metric == null) {
                    metric = resultMetric(ls.labels, rs.labels, b.op, vm);
                    metricCache.put(pairKey, metric);
                }
                if (vm.card != VectorMatching.Card.ONE_TO_ONE) {
                    Integer prev = groupedAt.put(metric, k);
                    if (prev != null && prev == k) {
                        throw new EvalException("multiple matches for labels: grouping labels must ensure unique matches");
                    }
                }
                out.add(metric, ls.dropName || dropForOp, k, value);
            }
            if (fillMany != null) {
                // fill_left: "one"-side samples nobody matched meet the fill value as their partner.
                for (int ri = 0; ri < one.size(); ri++) {
                    StepSeries rs = one.get(ri);
                    if (!rs.has[k] || oneMatchedAt[ri] == k) {
                        continue;
                    }
                    List<Integer> g = oneBySig.get(oneSig[ri]);
                    if (g.size() > 1 && g.get(0) != ri) {
                        boolean firstPresent = false;
                        for (int idx : g) {
                            if (idx == ri) {
                                break;
                            }
                            firstPresent |= one.get(idx).has[k];
                        }
                        if (firstPresent) {
                            continue;
                        }
                    }
                    double fl = swapped ? rs.v[k] : fillMany;
                    double fr = swapped ? fillMany : rs.v[k];
                    Double value = apply(b, fl, fr);
                    if (value == null) {
                        continue;
                    }
                    if (oneFilledMetric[ri] == null) {
                        oneFilledMetric[ri] = matchLabels(rs.labels, vm);
                    }
                    out.add(oneFilledMetric[ri], true, k, value);
                }
            }
        }
        return out.result();
    }

    /** The element operation of a vector/vector binop; null when a comparison filters it out. */
    private static Double apply(BinaryExpr b, double fl, double fr) {
        if (b.op.isComparison()) {
            boolean keep = compare(b.op, fl, fr);
            if (b.returnBool) {
                return keep ? 1.0 : 0.0;
            }
            return keep ? fl : null;
        }
        return arith(b.op, fl, fr);
    }

    static Labels matchLabels(Labels l, VectorMatching vm) {
        Labels.Builder b = l.toBuilder();
        if (vm.on) {
            b.keepOnly(vm.matchingLabels);
        } else {
            for (String n : vm.matchingLabels) {
                b.remove(n);
            }
            b.remove(Labels.METRIC_NAME);
        }
        return b.build();
    }

    private static Labels resultMetric(Labels ls, Labels rs, BinaryOp op, VectorMatching vm) {
        Labels.Builder b = ls.toBuilder();
        if (!op.isComparison()) {
            b.remove(Labels.METRIC_NAME).remove("__type__").remove("__unit__");
        }
        if (vm.card == VectorMatching.Card.ONE_TO_ONE) {
            if (vm.on) {
                b.keepOnly(vm.matchingLabels);
            } else {
                for (String n : vm.matchingLabels) {
                    b.remove(n);
                }
            }
        } else {
            for (String n : vm.include) {
                String v = rs.get(n);
                if (v != null && !v.isEmpty()) {
                    b.set(n, v);
                } else {
                    b.remove(n);
                }
            }
        }
        return b.build();
    }

    /** Go's labels.String(): {a="b", c="d"} including __name__. */
    static String goString(Labels l) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < l.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(l.name(i)).append('=').append(dev.pharos.promql.ast.Printer.quote(l.value(i)));
        }
        return sb.append('}').toString();
    }
}
