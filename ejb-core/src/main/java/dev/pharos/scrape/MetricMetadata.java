package dev.pharos.scrape;

import dev.pharos.model.MetricType;

/** TYPE, HELP and UNIT of one metric family, as last scraped from a target. */
public record MetricMetadata(String metric, MetricType type, String help, String unit) {

    public MetricMetadata {
        type = type == null ? MetricType.UNKNOWN : type;
        help = help == null ? "" : help;
        unit = unit == null ? "" : unit;
    }
}
