package dev.pharos.scrape;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Summary;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** The scrape manager's own metrics, under Prometheus's names. */
public final class ScrapeMetrics {

    final Summary intervalLength;
    final Counter outOfOrder;
    final Counter duplicate;
    final Counter outOfBounds;
    final Counter exceededSampleLimit;
    final Counter exceededBodySizeLimit;
    final Counter scrapePoolReloads;
    final Gauge poolTargets;
    final Gauge discoveredTargets;

    public ScrapeMetrics(PrometheusRegistry registry) {
        intervalLength = Summary.builder()
                .name("prometheus_target_interval_length_seconds")
                .help("Actual intervals between scrapes.")
                .labelNames("interval")
                .quantile(0.01, 0.001).quantile(0.05, 0.005).quantile(0.5, 0.05)
                .quantile(0.9, 0.01).quantile(0.99, 0.001)
                .register(registry);
        outOfOrder = Counter.builder()
                .name("prometheus_target_scrapes_sample_out_of_order_total")
                .help("Total number of samples rejected due to not being out of the expected order.")
                .register(registry);
        duplicate = Counter.builder()
                .name("prometheus_target_scrapes_sample_duplicate_timestamp_total")
                .help("Total number of samples rejected due to duplicate timestamps but different values.")
                .register(registry);
        outOfBounds = Counter.builder()
                .name("prometheus_target_scrapes_sample_out_of_bounds_total")
                .help("Total number of samples rejected due to timestamp falling outside of the time bounds.")
                .register(registry);
        exceededSampleLimit = Counter.builder()
                .name("prometheus_target_scrapes_exceeded_sample_limit_total")
                .help("Total number of scrapes that hit the sample limit and were rejected.")
                .register(registry);
        exceededBodySizeLimit = Counter.builder()
                .name("prometheus_target_scrapes_exceeded_body_size_limit_total")
                .help("Total number of scrapes that hit the body size limit")
                .register(registry);
        scrapePoolReloads = Counter.builder()
                .name("prometheus_target_scrape_pool_reloads_total")
                .help("Total number of scrape pool reloads.")
                .register(registry);
        poolTargets = Gauge.builder()
                .name("prometheus_target_scrape_pool_targets")
                .help("Current number of targets in this scrape pool.")
                .labelNames("scrape_job")
                .register(registry);
        discoveredTargets = Gauge.builder()
                .name("prometheus_sd_discovered_targets")
                .help("Current number of discovered targets.")
                .labelNames("config", "name")
                .register(registry);
    }

    /** Metrics into a private registry, for tests. */
    public static ScrapeMetrics unregistered() {
        return new ScrapeMetrics(new PrometheusRegistry());
    }
}
