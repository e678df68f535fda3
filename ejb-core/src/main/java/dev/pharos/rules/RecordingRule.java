package dev.pharos.rules;

import dev.pharos.model.Labels;
import dev.pharos.promql.Sample;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A recording rule: the expression's result renamed to {@code record} with the rule's labels. */
public final class RecordingRule extends Rule {

    RecordingRule(String name, String expr, Labels labels) {
        super(name, expr, labels);
    }

    @Override
    List<Sample> eval(long ts, long queryOffsetMillis, EvalContext ctx, int limit) throws Exception {
        long t = ts - queryOffsetMillis;
        List<Sample> in = ctx.query().query(expr, t);
        List<Sample> out = new ArrayList<>(in.size());
        Set<Labels> seen = new HashSet<>(in.size() * 2);
        for (Sample s : in) {
            Labels.Builder b = s.metric().toBuilder();
            b.set(Labels.METRIC_NAME, name);
            for (int i = 0; i < labels.size(); i++) {
                b.set(labels.name(i), labels.value(i));
            }
            Labels l = b.build();
            if (!validLabels(l)) {
                throw new RuleEvalException("invalid rule label set: " + l);
            }
            if (!seen.add(l)) {
                throw new RuleEvalException("vector contains metrics with the same labelset after applying rule labels");
            }
            out.add(new Sample(l, t, s.value()));
        }
        if (limit > 0 && out.size() > limit) {
            throw new RuleEvalException("exceeded limit of " + limit + " with " + out.size() + " series");
        }
        return out;
    }

    /** Names non-empty and values valid UTF-8, as Prometheus's Labels.IsValid under UTF-8 validation. */
    static boolean validLabels(Labels l) {
        for (int i = 0; i < l.size(); i++) {
            if (!dev.pharos.relabel.NameValidation.isUtf8Name(l.name(i))
                    || !dev.pharos.relabel.NameValidation.isValidUtf8(l.value(i))) {
                return false;
            }
        }
        return true;
    }
}
