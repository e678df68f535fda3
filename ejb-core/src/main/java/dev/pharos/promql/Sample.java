package dev.pharos.promql;

import dev.pharos.model.Labels;

/** One element of an instant vector result. */
public record Sample(Labels metric, long timestamp, double value) {
}
