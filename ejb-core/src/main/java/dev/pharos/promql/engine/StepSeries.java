package dev.pharos.promql.engine;

import dev.pharos.model.Labels;

/**
 * One series of an instant-vector expression evaluated over all steps of a query: dense
 * value array indexed by step plus a presence mask. Dense arrays keep per-step work free of
 * allocation and let element-wise operators run as plain loops.
 */
final class StepSeries {
    Labels labels;
    final double[] v;
    final boolean[] has;
    boolean dropName;
    int count;

    StepSeries(Labels labels, int steps, boolean dropName) {
        this.labels = labels;
        this.v = new double[steps];
        this.has = new boolean[steps];
        this.dropName = dropName;
    }

    void set(int step, double value) {
        if (!has[step]) {
            has[step] = true;
            count++;
        }
        v[step] = value;
    }
}
