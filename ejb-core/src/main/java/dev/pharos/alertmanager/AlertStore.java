package dev.pharos.alertmanager;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The in-memory alert provider: alerts by fingerprint, merged with the existing version when
 * their activity ranges overlap, and published to listeners (dispatcher, inhibitor).
 */
public final class AlertStore {

    private final Map<Long, Alert> alerts = new ConcurrentHashMap<>();
    private final List<Consumer<Alert>> listeners = new CopyOnWriteArrayList<>();
    private final Clock clock;
    private final AlertMarker marker;

    public AlertStore(Clock clock, AlertMarker marker) {
        this.clock = clock;
        this.marker = marker;
    }

    public void subscribe(Consumer<Alert> listener) {
        listeners.add(listener);
    }

    public void unsubscribe(Consumer<Alert> listener) {
        listeners.remove(listener);
    }

    /** Stores alerts (already normalised by the API) and notifies listeners with the merged versions. */
    public void put(Collection<Alert> incoming) {
        Instant now = clock.instant();
        for (Alert a : incoming) {
            long fp = a.fingerprint();
            Alert merged = alerts.compute(fp, (k, old) -> {
                if (old == null) {
                    return a;
                }
                boolean endsInside = a.endsAt() != null && old.endsAt() != null
                        && a.endsAt().isAfter(old.startsAt()) && a.endsAt().isBefore(old.endsAt());
                boolean startsInside = old.endsAt() != null && a.startsAt().isAfter(old.startsAt())
                        && a.startsAt().isBefore(old.endsAt());
                return endsInside || startsInside ? old.merge(a, now) : a;
            });
            for (Consumer<Alert> l : listeners) {
                l.accept(merged);
            }
        }
    }

    public Alert get(long fingerprint) {
        return alerts.get(fingerprint);
    }

    public List<Alert> list() {
        return new ArrayList<>(alerts.values());
    }

    /** Drops resolved alerts and their markers, as the original's periodic GC. Returns how many. */
    public int gc() {
        Instant now = clock.instant();
        int n = 0;
        for (Map.Entry<Long, Alert> e : alerts.entrySet()) {
            if (e.getValue().resolvedAt(now) && alerts.remove(e.getKey(), e.getValue())) {
                marker.delete(e.getKey());
                n++;
            }
        }
        return n;
    }

    public int size() {
        return alerts.size();
    }
}
