package dev.pharos.config;

import java.util.List;

/**
 * A loaded, validated {@code prometheus.yml}. {@code scrapeConfigs} holds the jobs of the file
 * followed by those read from {@code scrape_config_files}, in order. Paths (rule files, secret
 * files, file_sd patterns) are resolved against the folder of the file, as Prometheus does;
 * rule file globs are kept as patterns. {@code tracing} is null when absent.
 */
public record PrometheusConfig(
        GlobalConfig global,
        RuntimeConfig runtime,
        AlertingConfig alerting,
        List<String> ruleFiles,
        List<String> scrapeConfigFiles,
        List<ScrapeConfig> scrapeConfigs,
        StorageConfig storage,
        TracingConfig tracing,
        List<RemoteWriteConfig> remoteWriteConfigs,
        List<RemoteReadConfig> remoteReadConfigs,
        OtlpConfig otlp,
        List<String> warnings) {

    /** The job with this name, or null. */
    public ScrapeConfig scrapeConfig(String jobName) {
        for (ScrapeConfig c : scrapeConfigs) {
            if (c.jobName().equals(jobName)) {
                return c;
            }
        }
        return null;
    }
}
