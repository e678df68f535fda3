package dev.pharos.web.api;

import java.time.Instant;

/** Timestamps as Prometheus's API writes them (Go's RFC 3339 with up to nanoseconds). */
final class ApiTime {

    static final String ZERO = "0001-01-01T00:00:00Z";

    private ApiTime() {
    }

    static String rfc3339(long millis) {
        return millis <= 0 ? ZERO : Instant.ofEpochMilli(millis).toString();
    }
}
