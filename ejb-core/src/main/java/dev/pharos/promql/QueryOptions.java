package dev.pharos.promql;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Per-query settings; null fields fall back to the engine's defaults. */
public record QueryOptions(Duration lookbackDelta, Duration timeout, BooleanSupplier cancelled) {
    public static final QueryOptions DEFAULT = new QueryOptions(null, null, null);

    public QueryOptions withLookbackDelta(Duration d) {
        return new QueryOptions(d, timeout, cancelled);
    }

    public QueryOptions withTimeout(Duration d) {
        return new QueryOptions(lookbackDelta, d, cancelled);
    }

    public QueryOptions withCancel(BooleanSupplier c) {
        return new QueryOptions(lookbackDelta, timeout, c);
    }
}
