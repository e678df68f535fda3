package dev.pharos.alertmanager;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the Alertmanager knows about each alert's suppression: the silences and inhibiting
 * alerts muting it, and the time intervals muting its groups. An alert never looked at is
 * "unprocessed"; otherwise "suppressed" when anything mutes it, else "active".
 */
public final class AlertMarker {

    /** Status of one alert, as the API's alertStatus. */
    public record Status(String state, List<String> silencedBy, List<String> inhibitedBy, List<String> mutedBy) {
        public static final Status UNPROCESSED = new Status("unprocessed", List.of(), List.of(), List.of());
    }

    private final Map<Long, Status> statuses = new ConcurrentHashMap<>();

    public Status status(long fp) {
        return statuses.getOrDefault(fp, Status.UNPROCESSED);
    }

    public void setSilenced(long fp, List<String> silenceIds) {
        statuses.compute(fp, (k, s) -> make(List.copyOf(silenceIds), s == null ? List.of() : s.inhibitedBy(),
                s == null ? List.of() : s.mutedBy()));
    }

    public void setInhibited(long fp, List<String> alertFingerprints) {
        statuses.compute(fp, (k, s) -> make(s == null ? List.of() : s.silencedBy(), List.copyOf(alertFingerprints),
                s == null ? List.of() : s.mutedBy()));
    }

    public void setMuted(long fp, List<String> timeIntervals) {
        statuses.compute(fp, (k, s) -> make(s == null ? List.of() : s.silencedBy(),
                s == null ? List.of() : s.inhibitedBy(), List.copyOf(timeIntervals)));
    }

    public void delete(long fp) {
        statuses.remove(fp);
    }

    private static Status make(List<String> silenced, List<String> inhibited, List<String> muted) {
        boolean suppressed = !silenced.isEmpty() || !inhibited.isEmpty() || !muted.isEmpty();
        return new Status(suppressed ? "suppressed" : "active", silenced, inhibited, muted);
    }
}
