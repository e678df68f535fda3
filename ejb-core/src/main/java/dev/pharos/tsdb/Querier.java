package dev.pharos.tsdb;

import dev.pharos.model.LabelMatcher;
import java.util.List;

/**
 * Reads series over the time range [mint, maxt] (milliseconds, inclusive) fixed when the
 * querier was opened. Close it to release resources (memory-mapped blocks, read locks).
 */
public interface Querier extends AutoCloseable {

    /**
     * The series matching all matchers, sorted by labels. At least one matcher must not
     * match the empty string, as in Prometheus.
     */
    List<Series> select(LabelMatcher... matchers);

    /** Sorted label names of series matching the matchers (all series if none). */
    List<String> labelNames(LabelMatcher... matchers);

    /** Sorted values of one label over series matching the matchers (all series if none). */
    List<String> labelValues(String name, LabelMatcher... matchers);

    @Override
    void close();
}
