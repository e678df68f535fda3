package dev.pharos.alertmanager.dispatch;

import dev.pharos.alertmanager.Alert;
import dev.pharos.alertmanager.AlertStore;
import dev.pharos.alertmanager.notify.GroupNotification;
import dev.pharos.alertmanager.notify.NotificationPipeline;
import dev.pharos.model.Labels;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sorts incoming alerts into aggregation groups along the routing tree and flushes due groups
 * through the notification pipeline. Driven by {@link #tick()}: call it on a schedule (for
 * example every second from a ManagedScheduledExecutorService, or at {@link #nextFlush()}).
 * Nothing here sleeps; time comes from the injected clock.
 */
public final class Dispatcher {

    private final Route tree;
    private final AlertStore store;
    private final NotificationPipeline pipeline;
    private final Clock clock;
    /** Route (by id) -> group key -> group; insertion ordered for stable API output. */
    private final Map<String, Map<String, AggregationGroup>> groups = new LinkedHashMap<>();
    private boolean started;
    private final java.util.function.Consumer<Alert> listener = this::process;
    /** Runs group flushes; direct by default (tick returns after sending). */
    private volatile java.util.concurrent.Executor flushExecutor = Runnable::run;
    /** Groups whose flush is still running elsewhere; they are not flushed twice at once. */
    private final java.util.Set<AggregationGroup> inFlight = new java.util.HashSet<>();

    public Dispatcher(Route tree, AlertStore store, NotificationPipeline pipeline, Clock clock) {
        this.tree = tree;
        this.store = store;
        this.pipeline = pipeline;
        this.clock = clock;
    }

    /**
     * Flushes groups on the given executor, so that one slow receiver (retries, SMTP timeouts)
     * does not hold up the other groups, as each group has its own goroutine in the original.
     */
    public void setFlushExecutor(java.util.concurrent.Executor executor) {
        this.flushExecutor = executor;
    }

    /** Subscribes to the alert store and groups the alerts it already holds. */
    public synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        for (Alert a : store.list()) {
            process(a);
        }
        store.subscribe(listener);
    }

    /** Stops receiving alerts (on shutdown or when a reloaded configuration replaces this dispatcher). */
    public synchronized void stop() {
        store.unsubscribe(listener);
        started = false;
    }

    public synchronized void process(Alert alert) {
        Instant now = clock.instant();
        for (Route r : tree.match(alert.labels())) {
            Labels gl = r.groupLabels(alert.labels());
            Map<String, AggregationGroup> byKey = groups.computeIfAbsent(r.id(), k -> new LinkedHashMap<>());
            String key = r.groupKey(gl);
            AggregationGroup ag = byKey.computeIfAbsent(key, k -> new AggregationGroup(r, gl, now));
            ag.insert(alert, now);
        }
    }

    /** Flushes every due group; returns how many were flushed. */
    public int tick() {
        Instant now = clock.instant();
        List<AggregationGroup> due = new ArrayList<>();
        synchronized (this) {
            for (Map<String, AggregationGroup> byKey : groups.values()) {
                for (AggregationGroup ag : byKey.values()) {
                    if (ag.due(now) && !inFlight.contains(ag)) {
                        ag.scheduleNext(now);
                        inFlight.add(ag);
                        due.add(ag);
                    }
                }
            }
        }
        for (AggregationGroup ag : due) {
            Runnable r = () -> {
                try {
                    flush(ag, now);
                } finally {
                    synchronized (this) {
                        inFlight.remove(ag);
                    }
                }
            };
            try {
                flushExecutor.execute(r);
            } catch (RuntimeException rejected) {
                r.run();
            }
        }
        return due.size();
    }

    private void flush(AggregationGroup ag, Instant now) {
        List<Alert> snapshot;
        synchronized (this) {
            snapshot = ag.alerts();
        }
        List<Alert> toSend = new ArrayList<>();
        List<Alert> resolved = new ArrayList<>();
        for (Alert a : snapshot) {
            if (a.resolvedAt(now)) {
                resolved.add(a);
                toSend.add(a);
            } else {
                toSend.add(a.withEndsAt(null)); // firing alerts must not resolve while in flight
            }
        }
        toSend.sort(AlertOrder.INSTANCE);
        RouteOpts o = ag.route().opts();
        boolean ok = pipeline.exec(new GroupNotification(o.receiver(), ag.groupKey(), ag.groupLabels(), toSend,
                o.repeatInterval(), o.groupInterval(), o.muteTimeIntervals(), o.activeTimeIntervals()));
        if (!ok) {
            return;
        }
        synchronized (this) {
            ag.deleteIfNotModified(resolved);
            if (ag.isEmpty()) {
                Map<String, AggregationGroup> byKey = groups.get(ag.route().id());
                if (byKey != null) {
                    byKey.remove(ag.groupKey());
                    if (byKey.isEmpty()) {
                        groups.remove(ag.route().id());
                    }
                }
            }
        }
    }

    /** Earliest due time of any group, or null when there are none. */
    public synchronized Instant nextFlush() {
        Instant min = null;
        for (Map<String, AggregationGroup> byKey : groups.values()) {
            for (AggregationGroup ag : byKey.values()) {
                if (min == null || ag.nextFlush().isBefore(min)) {
                    min = ag.nextFlush();
                }
            }
        }
        return min;
    }

    /** Snapshot of the groups, for /api/v2/alerts/groups. */
    public synchronized List<GroupSnapshot> groups() {
        List<GroupSnapshot> out = new ArrayList<>();
        for (Map<String, AggregationGroup> byKey : groups.values()) {
            for (AggregationGroup ag : byKey.values()) {
                out.add(new GroupSnapshot(ag.route(), ag.groupKey(), ag.groupLabels(),
                        Collections.unmodifiableList(ag.alerts())));
            }
        }
        return out;
    }

    /** One aggregation group as the API shows it. */
    public record GroupSnapshot(Route route, String groupKey, Labels groupLabels, List<Alert> alerts) {
    }

    public Route tree() {
        return tree;
    }
}
