package dev.pharos.exposition;

import java.util.Locale;

/** The scrape protocols of content_negotiation.md, with their media types and headers. */
public enum ExpositionFormat {
    PROMETHEUS_PROTO("PrometheusProto", "application/vnd.google.protobuf",
            "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited"),
    PROMETHEUS_TEXT_0_0_4("PrometheusText0.0.4", "text/plain",
            "text/plain;version=0.0.4"),
    PROMETHEUS_TEXT_1_0_0("PrometheusText1.0.0", "text/plain",
            "text/plain;version=1.0.0;escaping=allow-utf-8"),
    OPENMETRICS_TEXT_0_0_1("OpenMetricsText0.0.1", "application/openmetrics-text",
            "application/openmetrics-text;version=0.0.1"),
    OPENMETRICS_TEXT_1_0_0("OpenMetricsText1.0.0", "application/openmetrics-text",
            "application/openmetrics-text;version=1.0.0;escaping=allow-utf-8");

    private final String protocolName;
    private final String mediaType;
    private final String acceptValue;

    ExpositionFormat(String protocolName, String mediaType, String acceptValue) {
        this.protocolName = protocolName;
        this.mediaType = mediaType;
        this.acceptValue = acceptValue;
    }

    /** The name used by {@code scrape_protocols} and {@code fallback_scrape_protocol}. */
    public String protocolName() {
        return protocolName;
    }

    /** The bare media type, e.g. {@code text/plain}. */
    public String mediaType() {
        return mediaType;
    }

    /** The media type with the parameters sent in Accept (without q). */
    public String acceptValue() {
        return acceptValue;
    }

    /** Looks up a protocol by its {@code scrape_protocols} name, or null. */
    public static ExpositionFormat byProtocolName(String name) {
        for (ExpositionFormat f : values()) {
            if (f.protocolName.equals(name)) {
                return f;
            }
        }
        return null;
    }

    /**
     * The format a response Content-Type names, or null when it is blank or not one of the
     * three media types Prometheus reads.
     */
    public static ExpositionFormat fromContentType(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semi = contentType.indexOf(';');
        String mt = (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
        String params = semi < 0 ? "" : contentType.substring(semi).toLowerCase(Locale.ROOT);
        switch (mt) {
            case "application/openmetrics-text":
                return params.contains("version=0.0.1") ? OPENMETRICS_TEXT_0_0_1 : OPENMETRICS_TEXT_1_0_0;
            case "text/plain":
                return params.contains("version=1.0.0") ? PROMETHEUS_TEXT_1_0_0 : PROMETHEUS_TEXT_0_0_4;
            case "application/vnd.google.protobuf":
                return PROMETHEUS_PROTO;
            default:
                return null;
        }
    }
}
