package dev.pharos.model;

/** Metric family types of the exposition formats (text 0.0.4 and OpenMetrics). */
public enum MetricType {
    COUNTER, GAUGE, HISTOGRAM, GAUGEHISTOGRAM, SUMMARY, INFO, STATESET, UNKNOWN;

    /** The lower-case name used by the formats and the metadata API. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static MetricType fromWire(String s) {
        return switch (s) {
            case "counter" -> COUNTER;
            case "gauge" -> GAUGE;
            case "histogram" -> HISTOGRAM;
            case "gaugehistogram" -> GAUGEHISTOGRAM;
            case "summary" -> SUMMARY;
            case "info" -> INFO;
            case "stateset" -> STATESET;
            case "unknown", "untyped" -> UNKNOWN;
            default -> null;
        };
    }
}
