package dev.pharos.promql.engine;

/**
 * The samples of one series inside a range window (rangeStart, rangeEnd], as a slice of
 * primitive arrays. Reused across steps and series.
 */
final class Window {
    long[] t;
    double[] v;
    int from;
    int to;
    long rangeStart;
    long rangeEnd;
    /** Range length in ms (for rate's per-second conversion). */
    long range;
    /** Evaluation timestamp of the step. */
    long evalTs;
    String metricName;
    /** True when the points already span the range (anchored/smoothed): no extrapolation. */
    boolean exact;

    int size() {
        return to - from;
    }
}
