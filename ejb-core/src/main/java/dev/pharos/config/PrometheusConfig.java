package dev.pharos.config;

import java.util.List;

/**
 * A loaded, validated {@code prometheus.yml}. {@code scrapeConfigs} holds the jobs of the file
 * followed by those read from {@code scrape_config_files}, in order. Paths (rule files, secret
 * files, file_sd patterns) are resolved against the folder of the file, as Prometheus does;
 * rule file globs are kept as patterns. {@code tracing} is null when absent.
 * {@code scrapeConfigsFromFiles} says how many of the trailing {@code scrapeConfigs} came from
 * scrape_config_files (the status output lists only the others, as Prometheus does).
 */
public record PrometheusConfig(
        GlobalConfig global,
        RuntimeConfig runtime,
        AlertingConfig alerting,
        List<String> ruleFiles,
        List<String> scrapeConfigFiles,
        List<ScrapeConfig> scrapeConfigs,
        int scrapeConfigsFromFiles,
        StorageConfig storage,
        TracingConfig tracing,
        List<RemoteWriteConfig> remoteWriteConfigs,
        List<RemoteReadConfig> remoteReadConfigs,
        OtlpConfig otlp,
        List<String> warnings) {

    /** The jobs written in the file itself, without those of scrape_config_files. */
    public List<ScrapeConfig> mainScrapeConfigs() {
        return scrapeConfigs.subList(0, scrapeConfigs.size() - scrapeConfigsFromFiles);
    }

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
