package dev.pharos.alertmanager.notify;

import dev.pharos.alertmanager.Alert;
import dev.pharos.alertmanager.AlertMarker;
import dev.pharos.alertmanager.TimeInterval;
import dev.pharos.alertmanager.inhibit.Inhibitor;
import dev.pharos.alertmanager.silence.Silences;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The original's notification pipeline for one group flush: inhibition, active and mute time
 * intervals, silences, then per integration: deduplication against the notification log
 * (first notification, new firing or resolved alerts, or repeat_interval elapsed), sending
 * with retries, and logging what was sent.
 */
public final class NotificationPipeline {

    /** How long notification log entries are kept (the original's --data.retention default). */
    public static final Duration LOG_RETENTION = Duration.ofHours(120);

    private final Inhibitor inhibitor;
    private final Silences silences;
    private final AlertMarker marker;
    private final Map<String, List<TimeInterval>> timeIntervals;
    private final Map<String, List<Integration>> integrations;
    private final NotificationLogStore log;
    private final NotificationMetrics metrics;
    private final RetryPolicy retry;
    private final Clock clock;
    private final String externalURL;
    private volatile Duration peerWait = Duration.ZERO;

    public NotificationPipeline(Inhibitor inhibitor, Silences silences, AlertMarker marker,
            Map<String, List<TimeInterval>> timeIntervals, Map<String, List<Integration>> integrations,
            NotificationLogStore log, NotificationMetrics metrics, RetryPolicy retry, Clock clock,
            String externalURL) {
        this.inhibitor = inhibitor;
        this.silences = silences;
        this.marker = marker;
        this.timeIntervals = timeIntervals;
        this.integrations = integrations;
        this.log = log;
        this.metrics = metrics;
        this.retry = retry;
        this.clock = clock;
        this.externalURL = externalURL;
    }

    /**
     * The original's WaitStage for high availability: an instance at cluster position n waits
     * n x peer_timeout before deduplicating, so that the instance before it has sent and logged
     * the notification (here: in the shared database) by then. Zero for a single instance.
     */
    public void setPeerWait(Duration wait) {
        this.peerWait = wait == null || wait.isNegative() ? Duration.ZERO : wait;
    }

    /** Runs the pipeline; true when every integration succeeded (or nothing had to be sent). */
    public boolean exec(GroupNotification g) {
        Instant now = clock.instant();
        List<Alert> alerts = new ArrayList<>();
        for (Alert a : g.alerts()) {
            if (inhibitor == null || inhibitor.mutes(a.labels()).isEmpty()) {
                alerts.add(a);
            }
        }
        if (alerts.isEmpty()) {
            return true;
        }
        if (!g.activeTimeIntervals().isEmpty() && inAny(g.activeTimeIntervals(), now).isEmpty()) {
            alerts.forEach(a -> marker.setMuted(a.fingerprint(), g.activeTimeIntervals()));
            return true;
        }
        List<String> muting = inAny(g.muteTimeIntervals(), now);
        if (!muting.isEmpty()) {
            alerts.forEach(a -> marker.setMuted(a.fingerprint(), muting));
            return true;
        }
        alerts.forEach(a -> marker.setMuted(a.fingerprint(), List.of()));
        List<Alert> unsilenced = new ArrayList<>();
        for (Alert a : alerts) {
            if (silences == null || silences.mutes(a.labels(), marker).isEmpty()) {
                unsilenced.add(a);
            }
        }
        if (unsilenced.isEmpty()) {
            return true;
        }
        Duration wait = peerWait;
        if (!wait.isZero()) {
            try {
                retry.sleeper().sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            now = clock.instant();
        }
        boolean ok = true;
        for (Integration integration : integrations.getOrDefault(g.receiver(), List.of())) {
            ok &= deliver(integration, g, unsilenced, now);
        }
        return ok;
    }

    private List<String> inAny(List<String> names, Instant now) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            for (TimeInterval ti : timeIntervals.getOrDefault(n, List.of())) {
                if (ti.contains(now)) {
                    out.add(n);
                    break;
                }
            }
        }
        return out;
    }

    private boolean deliver(Integration in, GroupNotification g, List<Alert> alerts, Instant now) {
        Set<Long> firing = new HashSet<>();
        Set<Long> resolved = new HashSet<>();
        for (Alert a : alerts) {
            (a.resolvedAt(now) ? resolved : firing).add(a.fingerprint());
        }
        String key = NotificationLogEntry.key(g.groupKey(), in.receiver(), in.name(), in.index());
        Optional<NotificationLogEntry> entry = log.get(key);
        if (!needsUpdate(entry.orElse(null), firing, resolved, in.sendResolved(), g.repeatInterval(), now)) {
            return true;
        }
        List<Alert> sent = alerts;
        if (!in.sendResolved()) {
            if (firing.isEmpty()) {
                logSent(key, in, g, firing, resolved, now);
                return true;
            }
            sent = alerts.stream().filter(a -> !a.resolvedAt(now)).toList();
        }
        NotificationData data = NotificationData.of(in.receiver(), g.groupKey(), g.groupLabels(), sent, externalURL,
                now);
        if (!send(in, data, sent, RetryPolicy.budget(g.groupInterval(), peerWait))) {
            return false;
        }
        logSent(key, in, g, firing, resolved, now);
        return true;
    }

    private void logSent(String key, Integration in, GroupNotification g, Set<Long> firing, Set<Long> resolved,
            Instant flushTime) {
        // Stamped when the send is done, not with the flush time, as the original's nflog.Log does:
        // the next repeat then comes repeat_interval after the receiver really got it.
        Instant logged = clock.instant();
        if (logged.isBefore(flushTime)) {
            logged = flushTime;
        }
        log.put(new NotificationLogEntry(g.groupKey(), in.receiver(), in.name(), in.index(), logged, firing, resolved,
                logged.plus(LOG_RETENTION)));
    }

    /** The original's DedupStage.needsUpdate. */
    static boolean needsUpdate(NotificationLogEntry entry, Set<Long> firing, Set<Long> resolved, boolean sendResolved,
            Duration repeat, Instant now) {
        if (entry == null) {
            return !firing.isEmpty();
        }
        if (!entry.isFiringSubset(firing)) {
            return true;
        }
        if (firing.isEmpty()) {
            // All resolved: notify only if the receiver was told about firing alerts before.
            return !entry.firingAlerts().isEmpty();
        }
        if (sendResolved && !entry.isResolvedSubset(resolved)) {
            return true;
        }
        return entry.timestamp().isBefore(now.minus(repeat));
    }

    private boolean send(Integration in, NotificationData data, List<Alert> alerts, Duration budget) {
        metrics.notification(in.name());
        NotifyResult last = null;
        // Time spent: the backoff waits plus the requests themselves (measured).
        long spentNanos = 0;
        for (int attempt = 1; attempt <= Math.max(1, retry.maxAttempts()); attempt++) {
            long start = System.nanoTime();
            try {
                last = in.notifier().notify(data, alerts);
            } catch (RuntimeException e) {
                last = NotifyResult.failed(false, "other", String.valueOf(e.getMessage()));
            }
            long took = System.nanoTime() - start;
            spentNanos += took;
            metrics.request(in.name(), last.ok(), took / 1e9);
            if (last.ok()) {
                return true;
            }
            if (!last.retry() || attempt == retry.maxAttempts()) {
                break;
            }
            Duration delay = retry.delay(attempt);
            if (spentNanos + delay.toNanos() >= budget.toNanos()) {
                break; // the original's flush context would expire before the next attempt
            }
            try {
                retry.sleeper().sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            spentNanos += delay.toNanos();
        }
        metrics.failure(in.name(), last == null || last.reason().isEmpty() ? "other" : last.reason());
        return false;
    }
}
