package dev.pharos.tsdb;

import java.util.List;

/**
 * Head cardinality statistics as /api/v1/status/tsdb reports them ("headStats" plus the
 * top-N lists). Times are milliseconds; minTime/maxTime are Long.MAX_VALUE/MIN_VALUE when empty.
 */
public record HeadStats(long numSeries, long chunkCount, long minTime, long maxTime, long numLabelPairs,
        List<Entry> seriesCountByMetricName, List<Entry> labelValueCountByLabelName,
        List<Entry> memoryInBytesByLabelName, List<Entry> seriesCountByLabelValuePair) {

    /** One row of a top-N list: {@code {"name": ..., "value": ...}} in the API. */
    public record Entry(String name, long value) {
    }
}
