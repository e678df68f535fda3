package dev.pharos.config;

import java.time.Duration;
import java.util.Map;

/** One {@code remote_read} entry. */
public record RemoteReadConfig(
        String url,
        Duration remoteTimeout,
        Map<String, String> headers,
        Map<String, String> requiredMatchers,
        boolean readRecent,
        String name,
        boolean filterExternalLabels,
        HttpClientConfig httpClientConfig) {
}
