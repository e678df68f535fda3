package dev.pharos.promql.engine;

import dev.pharos.model.Labels;
import java.util.HashMap;
import java.util.Map;

/** Gathers per-step output samples into series, failing on a duplicate labelset at one step. */
final class Collector {
    private final Map<Labels, StepSeries> byLabels = new HashMap<>();
    private final StepMatrix out = new StepMatrix();
    private final int steps;

    Collector(int steps) {
        this.steps = steps;
    }

    void add(Labels labels, boolean dropName, int step, double value) {
        StepSeries s = byLabels.get(labels);
        if (s == null) {
            s = new StepSeries(labels, steps, dropName);
            byLabels.put(labels, s);
            out.series.add(s);
        } else if (s.has[step]) {
            throw new EvalException("vector cannot contain metrics with the same labelset");
        }
        s.set(step, value);
    }

    /**
     * Adds all steps of {@code src} under {@code labels}. The first series of a labelset is
     * taken over as it is (relabelled in place, no copy); later ones merge step by step.
     * The caller gives up {@code src}.
     */
    void addSeries(Labels labels, boolean dropName, StepSeries src) {
        if (src.count == 0) {
            return;
        }
        StepSeries s = byLabels.get(labels);
        if (s == null) {
            src.labels = labels;
            src.dropName = dropName;
            byLabels.put(labels, src);
            out.series.add(src);
            return;
        }
        for (int k = 0; k < steps; k++) {
            if (src.has[k]) {
                if (s.has[k]) {
                    throw new EvalException("vector cannot contain metrics with the same labelset");
                }
                s.set(k, src.v[k]);
            }
        }
    }

    StepMatrix result() {
        return out;
    }
}
