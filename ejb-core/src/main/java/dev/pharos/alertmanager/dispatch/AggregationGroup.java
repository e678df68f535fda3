package dev.pharos.alertmanager.dispatch;

import dev.pharos.alertmanager.Alert;
import dev.pharos.model.Labels;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The alerts of one route sharing the same group labels, with the flush timer of the
 * original: first flush group_wait after creation (at once for alerts that started more than
 * group_wait ago), then every group_interval.
 */
public final class AggregationGroup {

    private final Route route;
    private final Labels groupLabels;
    private final String groupKey;
    private final Map<Long, Alert> alerts = new LinkedHashMap<>();
    private Instant nextFlush;
    private boolean hasFlushed;

    AggregationGroup(Route route, Labels groupLabels, Instant now) {
        this.route = route;
        this.groupLabels = groupLabels;
        this.groupKey = route.groupKey(groupLabels);
        this.nextFlush = now.plus(route.opts().groupWait());
    }

    void insert(Alert a, Instant now) {
        alerts.put(a.fingerprint(), a);
        // An alert that started longer than group_wait ago is sent without waiting.
        if (!hasFlushed && a.startsAt().plus(route.opts().groupWait()).isBefore(now)) {
            nextFlush = now;
        }
    }

    boolean due(Instant now) {
        return !nextFlush.isAfter(now);
    }

    /** Moves the timer by group_interval past the due time (skipping intervals missed entirely). */
    void scheduleNext(Instant now) {
        hasFlushed = true;
        Instant next = nextFlush.plus(route.opts().groupInterval());
        while (!next.isAfter(now)) {
            next = next.plus(route.opts().groupInterval());
        }
        nextFlush = next;
    }

    /** Removes the resolved alerts that were sent, unless they changed meanwhile. */
    void deleteIfNotModified(List<Alert> sentResolved) {
        for (Alert a : sentResolved) {
            Alert cur = alerts.get(a.fingerprint());
            if (cur != null && cur.updatedAt().equals(a.updatedAt())) {
                alerts.remove(a.fingerprint());
            }
        }
    }

    List<Alert> alerts() {
        return new ArrayList<>(alerts.values());
    }

    boolean isEmpty() {
        return alerts.isEmpty();
    }

    public Route route() {
        return route;
    }

    public Labels groupLabels() {
        return groupLabels;
    }

    public String groupKey() {
        return groupKey;
    }

    public Instant nextFlush() {
        return nextFlush;
    }

    public boolean hasFlushed() {
        return hasFlushed;
    }
}
