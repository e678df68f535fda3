package dev.pharos.promql.engine;

import dev.pharos.model.Labels;

/** Raw points of one series (e.g. subquery output), in time order. */
final class RangeSeries {
    final Labels labels;
    final long[] t;
    final double[] v;
    final int n;
    final boolean dropName;

    RangeSeries(Labels labels, long[] t, double[] v, int n, boolean dropName) {
        this.labels = labels;
        this.t = t;
        this.v = v;
        this.n = n;
        this.dropName = dropName;
    }
}
