package dev.pharos.rules;

import dev.pharos.model.Labels;
import dev.pharos.promql.QueryEngine;
import dev.pharos.promql.QueryResult;
import dev.pharos.promql.Sample;
import dev.pharos.promql.Scalar;
import dev.pharos.promql.Vector;
import java.util.List;

/** {@link RuleQuery} over a {@link QueryEngine}. */
public final class EngineRuleQuery implements RuleQuery {
    private final QueryEngine engine;

    public EngineRuleQuery(QueryEngine engine) {
        this.engine = engine;
    }

    @Override
    public List<Sample> query(String expr, long timeMillis) {
        QueryResult r = engine.instantQuery(expr, timeMillis);
        if (r.value() instanceof Vector v) {
            return v.samples();
        }
        if (r.value() instanceof Scalar s) {
            return List.of(new Sample(Labels.EMPTY, s.timestamp(), s.value()));
        }
        throw new IllegalStateException("rule result is not a vector or scalar");
    }
}
