package dev.pharos.exposition;

import dev.pharos.model.Labels;
import java.util.List;
import java.util.Objects;

/**
 * One metric of a family: its labels (without {@code __name__}), an optional timestamp, and
 * either a single value (counter, gauge, untyped) or the parts of a summary (count, sum,
 * quantiles) or of a classic histogram (count, sum, cumulative buckets). Counts are doubles
 * so that float counts of the protobuf format survive.
 */
public record MetricData(Labels labels, double value, double sampleCount, double sampleSum,
        List<Quantile> quantiles, List<Bucket> buckets, boolean hasTimestamp, long timestampMs) {

    /** A quantile of a summary. */
    public record Quantile(double quantile, double value) {
    }

    /** A cumulative bucket of a classic histogram: observations {@code <= upperBound}. */
    public record Bucket(double upperBound, double cumulativeCount) {
    }

    public MetricData {
        Objects.requireNonNull(labels, "labels");
        quantiles = List.copyOf(quantiles);
        buckets = List.copyOf(buckets);
    }

    /** A counter, gauge or untyped value. */
    public static MetricData simple(Labels labels, double value) {
        return new MetricData(labels, value, 0, 0, List.of(), List.of(), false, 0);
    }

    public static MetricData summary(Labels labels, double count, double sum, List<Quantile> quantiles) {
        return new MetricData(labels, 0, count, sum, quantiles, List.of(), false, 0);
    }

    public static MetricData histogram(Labels labels, double count, double sum, List<Bucket> buckets) {
        return new MetricData(labels, 0, count, sum, List.of(), buckets, false, 0);
    }

    public MetricData withTimestamp(long ms) {
        return new MetricData(labels, value, sampleCount, sampleSum, quantiles, buckets, true, ms);
    }

    public MetricData withLabels(Labels newLabels) {
        return new MetricData(newLabels, value, sampleCount, sampleSum, quantiles, buckets, hasTimestamp, timestampMs);
    }
}
