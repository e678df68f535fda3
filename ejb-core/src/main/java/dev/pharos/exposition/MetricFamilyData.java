package dev.pharos.exposition;

import dev.pharos.model.MetricType;
import java.util.List;
import java.util.Objects;

/**
 * One metric family as the Pushgateway and the protobuf format see it: name, HELP, TYPE,
 * UNIT and its metrics. {@code help} and {@code unit} are null when absent. Types beyond the
 * protobuf's (info, stateset) are kept as they came; writers map them to what their format has.
 */
public record MetricFamilyData(String name, String help, MetricType type, String unit, List<MetricData> metrics) {

    public MetricFamilyData {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        metrics = List.copyOf(metrics);
    }

    public MetricFamilyData(String name, String help, MetricType type, List<MetricData> metrics) {
        this(name, help, type, null, metrics);
    }

    /** The same family with other metrics. */
    public MetricFamilyData withMetrics(List<MetricData> newMetrics) {
        return new MetricFamilyData(name, help, type, unit, newMetrics);
    }
}
