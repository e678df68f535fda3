package dev.pharos.alertmanager.api;

import java.util.List;

/**
 * Query parameters of GET /api/v2/alerts and /alerts/groups (defaults true; receiver null
 * when absent). {@code muted} is only used by /alerts/groups.
 */
public record AlertQuery(boolean active, boolean silenced, boolean inhibited, boolean unprocessed, boolean muted,
        List<String> filter, String receiver) {

    public static AlertQuery all() {
        return new AlertQuery(true, true, true, true, true, List.of(), null);
    }

    public AlertQuery withFilter(String... f) {
        return new AlertQuery(active, silenced, inhibited, unprocessed, muted, List.of(f), receiver);
    }

    public AlertQuery withReceiver(String r) {
        return new AlertQuery(active, silenced, inhibited, unprocessed, muted, filter, r);
    }
}
