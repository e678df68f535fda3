package dev.pharos.tsdb;

import dev.pharos.model.Labels;

/**
 * Samples of one series for {@link Tsdb#backfill}: timestamps strictly increasing after sorting
 * (the backfill sorts them; equal timestamps are an error).
 */
public record BackfillSeries(Labels labels, long[] timestamps, double[] values) {
    public BackfillSeries {
        if (timestamps.length != values.length) {
            throw new IllegalArgumentException("timestamps and values differ in length for " + labels);
        }
    }
}
