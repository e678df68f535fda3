package dev.pharos.config;

import java.time.Duration;
import java.util.Map;

/** {@code tracing}: OTLP trace export (accepted and validated; exporting is not implemented). */
public record TracingConfig(String clientType, String endpoint, double samplingFraction, boolean insecure,
        Map<String, String> headers, String compression, Duration timeout, TlsConfig tlsConfig) {
}
