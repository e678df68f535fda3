package dev.pharos.template;

import java.util.ArrayList;
import java.util.Collection;

/** Prometheus's queryResult ([]*sample): a list of {@link QuerySample}. */
final class QueryResult extends ArrayList<QuerySample> implements GoTyped {
    private static final long serialVersionUID = 1L;

    QueryResult(Collection<QuerySample> samples) {
        super(samples);
    }

    @Override
    public String goTypeName() {
        return "template.queryResult";
    }
}
