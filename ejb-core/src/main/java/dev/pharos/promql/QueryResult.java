package dev.pharos.promql;

import java.util.List;

/**
 * The outcome of a query: its value, the annotations Prometheus would return (each already
 * rendered with the position suffix, e.g. {@code PromQL info: ... (1:6)}) and statistics.
 */
public record QueryResult(Value value, List<String> warnings, List<String> infos, long totalSamples, long peakSamples) {
}
