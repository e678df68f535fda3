package dev.pharos.config;

import dev.pharos.model.Labels;
import dev.pharos.relabel.NameValidation;
import java.time.Duration;
import java.util.List;

/**
 * {@code global}: defaults for every scrape config and rule evaluation. Durations are filled
 * in as Prometheus does (scrape_interval 1m, scrape_timeout 10s or the interval if shorter,
 * evaluation_interval 1m). {@code scrapeProtocols} is null when unset (each job then picks its
 * default from scrape_native_histograms).
 */
public record GlobalConfig(
        Duration scrapeInterval,
        Duration scrapeTimeout,
        List<String> scrapeProtocols,
        Duration evaluationInterval,
        Duration ruleQueryOffset,
        String queryLogFile,
        String scrapeFailureLogFile,
        Labels externalLabels,
        long bodySizeLimit,
        long sampleLimit,
        long targetLimit,
        long labelLimit,
        long labelNameLengthLimit,
        long labelValueLengthLimit,
        long keepDroppedTargets,
        NameValidation metricNameValidationScheme,
        String metricNameEscapingScheme,
        boolean scrapeNativeHistograms,
        boolean convertClassicHistogramsToNhcb,
        boolean alwaysScrapeClassicHistograms,
        boolean extraScrapeMetrics) {

    public static final Duration DEFAULT_SCRAPE_INTERVAL = Duration.ofMinutes(1);
    public static final Duration DEFAULT_SCRAPE_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_EVALUATION_INTERVAL = Duration.ofMinutes(1);

    public static final GlobalConfig DEFAULT = new GlobalConfig(DEFAULT_SCRAPE_INTERVAL,
            DEFAULT_SCRAPE_TIMEOUT, null, DEFAULT_EVALUATION_INTERVAL, Duration.ZERO, "", "",
            Labels.EMPTY, 0, 0, 0, 0, 0, 0, 0, NameValidation.UTF8, "allow-utf-8", false, false,
            false, false);
}
