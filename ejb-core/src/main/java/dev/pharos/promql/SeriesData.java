package dev.pharos.promql;

import dev.pharos.model.Labels;

/** One series of a matrix result: labels and parallel arrays of timestamps (ms) and values. */
public record SeriesData(Labels metric, long[] timestamps, double[] values) {
    public int size() {
        return timestamps.length;
    }
}
