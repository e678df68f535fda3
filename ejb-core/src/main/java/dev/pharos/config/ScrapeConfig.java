package dev.pharos.config;

import dev.pharos.relabel.NameValidation;
import dev.pharos.relabel.RelabelConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One {@code scrape_configs} entry with every default and global override already applied
 * (interval, timeout, limits, protocols, histogram flags, validation/escaping schemes), so
 * consumers read final values. Value equality lets a reload keep the scrape state of jobs
 * whose config did not change.
 */
public record ScrapeConfig(
        String jobName,
        boolean honorLabels,
        boolean honorTimestamps,
        boolean trackTimestampsStaleness,
        Map<String, List<String>> params,
        Duration scrapeInterval,
        Duration scrapeTimeout,
        List<String> scrapeProtocols,
        String fallbackScrapeProtocol,
        boolean scrapeNativeHistograms,
        boolean alwaysScrapeClassicHistograms,
        boolean convertClassicHistogramsToNhcb,
        boolean extraScrapeMetrics,
        String metricsPath,
        String scheme,
        boolean enableCompression,
        long bodySizeLimit,
        long sampleLimit,
        long targetLimit,
        long labelLimit,
        long labelNameLengthLimit,
        long labelValueLengthLimit,
        long nativeHistogramBucketLimit,
        double nativeHistogramMinBucketFactor,
        long keepDroppedTargets,
        NameValidation metricNameValidationScheme,
        String metricNameEscapingScheme,
        String scrapeFailureLogFile,
        HttpClientConfig httpClientConfig,
        List<StaticConfig> staticConfigs,
        List<FileSdConfig> fileSdConfigs,
        List<RelabelConfig> relabelConfigs,
        List<RelabelConfig> metricRelabelConfigs) {

    /** Protocol order when scrape_native_histograms is false. */
    public static final List<String> DEFAULT_SCRAPE_PROTOCOLS = List.of(
            "OpenMetricsText1.0.0", "OpenMetricsText0.0.1", "PrometheusText1.0.0", "PrometheusText0.0.4");
    /** Protocol order when scrape_native_histograms is true. */
    public static final List<String> DEFAULT_PROTO_FIRST_SCRAPE_PROTOCOLS = List.of(
            "PrometheusProto", "OpenMetricsText1.0.0", "OpenMetricsText0.0.1", "PrometheusText1.0.0",
            "PrometheusText0.0.4");
    /** Every protocol name Prometheus accepts (case-sensitive). */
    public static final List<String> SUPPORTED_SCRAPE_PROTOCOLS = DEFAULT_PROTO_FIRST_SCRAPE_PROTOCOLS;
}
