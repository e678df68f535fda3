package dev.pharos.alertmanager.notify;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * Plain counters the lead exposes as alertmanager_notifications_total{integration},
 * alertmanager_notifications_failed_total{integration,reason},
 * alertmanager_notification_requests_total / _failed_total{integration} and
 * alertmanager_notification_latency_seconds{integration} (sum, count and buckets).
 */
public final class NotificationMetrics {

    /** Latency histogram buckets of the original, seconds. */
    public static final double[] LATENCY_BUCKETS = {1, 5, 10, 15, 20};

    private final Map<String, AtomicLong> total = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> failed = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> requestsFailed = new ConcurrentHashMap<>();
    private final Map<String, DoubleAdder> latencySum = new ConcurrentHashMap<>();
    private final Map<String, long[]> latencyBuckets = new ConcurrentHashMap<>();

    void notification(String integration) {
        total.computeIfAbsent(integration, k -> new AtomicLong()).incrementAndGet();
    }

    void failure(String integration, String reason) {
        failed.computeIfAbsent(integration + "\u0000" + reason, k -> new AtomicLong()).incrementAndGet();
    }

    void request(String integration, boolean ok, double seconds) {
        requests.computeIfAbsent(integration, k -> new AtomicLong()).incrementAndGet();
        if (!ok) {
            requestsFailed.computeIfAbsent(integration, k -> new AtomicLong()).incrementAndGet();
        }
        latencySum.computeIfAbsent(integration, k -> new DoubleAdder()).add(seconds);
        long[] b = latencyBuckets.computeIfAbsent(integration, k -> new long[LATENCY_BUCKETS.length + 1]);
        synchronized (b) {
            for (int i = 0; i < LATENCY_BUCKETS.length; i++) {
                if (seconds <= LATENCY_BUCKETS[i]) {
                    b[i]++;
                }
            }
            b[LATENCY_BUCKETS.length]++;
        }
    }

    public long notificationsTotal(String integration) {
        AtomicLong v = total.get(integration);
        return v == null ? 0 : v.get();
    }

    public long notificationsFailedTotal(String integration, String reason) {
        AtomicLong v = failed.get(integration + "\u0000" + reason);
        return v == null ? 0 : v.get();
    }

    /** (integration, reason) -> count. */
    public Map<String, Map<String, Long>> failedByIntegration() {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        failed.forEach((k, v) -> {
            String[] p = k.split("\u0000", 2);
            out.computeIfAbsent(p[0], x -> new TreeMap<>()).put(p[1], v.get());
        });
        return out;
    }

    public Map<String, Long> notificationsTotals() {
        Map<String, Long> out = new TreeMap<>();
        total.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    public long requestsTotal(String integration) {
        AtomicLong v = requests.get(integration);
        return v == null ? 0 : v.get();
    }

    public long requestsFailedTotal(String integration) {
        AtomicLong v = requestsFailed.get(integration);
        return v == null ? 0 : v.get();
    }

    public double latencySecondsSum(String integration) {
        DoubleAdder v = latencySum.get(integration);
        return v == null ? 0 : v.sum();
    }

    /** Cumulative bucket counts for {@link #LATENCY_BUCKETS}, then the total count (+Inf). */
    public long[] latencyBuckets(String integration) {
        long[] b = latencyBuckets.get(integration);
        if (b == null) {
            return new long[LATENCY_BUCKETS.length + 1];
        }
        synchronized (b) {
            return b.clone();
        }
    }
}
