package dev.pharos.config;

import dev.pharos.relabel.RelabelConfig;
import java.time.Duration;
import java.util.List;

/**
 * One {@code alertmanagers} entry: how to reach the Alertmanagers (scheme, path prefix,
 * timeout 10s, api_version v2 only as Prometheus 3) and where to find them.
 */
public record AlertmanagerConfig(
        HttpClientConfig httpClientConfig,
        String scheme,
        String pathPrefix,
        Duration timeout,
        String apiVersion,
        List<StaticConfig> staticConfigs,
        List<FileSdConfig> fileSdConfigs,
        List<RelabelConfig> relabelConfigs,
        List<RelabelConfig> alertRelabelConfigs) {
}
