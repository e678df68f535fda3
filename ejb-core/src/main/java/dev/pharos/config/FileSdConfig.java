package dev.pharos.config;

import java.time.Duration;
import java.util.List;

/**
 * {@code <file_sd_config>}: file patterns (resolved against the config file's folder; only the
 * last path element may hold a {@code *}) and the re-read interval (default 5m).
 */
public record FileSdConfig(List<String> files, Duration refreshInterval) {
    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofMinutes(5);

    public FileSdConfig {
        files = List.copyOf(files);
    }
}
