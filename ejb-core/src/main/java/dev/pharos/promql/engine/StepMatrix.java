package dev.pharos.promql.engine;

import java.util.ArrayList;
import java.util.List;

/** An instant-vector expression's value over all steps: its series in output order. */
final class StepMatrix {
    final List<StepSeries> series;

    StepMatrix(List<StepSeries> series) {
        this.series = series;
    }

    StepMatrix() {
        this(new ArrayList<>());
    }

    long points() {
        long n = 0;
        for (StepSeries s : series) {
            n += s.count;
        }
        return n;
    }
}
