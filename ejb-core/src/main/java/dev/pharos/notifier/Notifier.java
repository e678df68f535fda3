package dev.pharos.notifier;

import dev.pharos.config.AlertingConfig;
import dev.pharos.config.AlertmanagerConfig;
import dev.pharos.model.Labels;
import dev.pharos.relabel.RelabelConfig;
import dev.pharos.relabel.Relabeler;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Prometheus's notifier: alerts get the external labels and alert_relabel_configs, wait in a
 * bounded queue (overflow drops the oldest, counted), and are sent in batches of at most 64
 * to every Alertmanager of every set, each set applying its own alert relabeling.
 */
public final class Notifier {

    public static final int DEFAULT_QUEUE_CAPACITY = 10_000;
    public static final int MAX_BATCH = 64;

    private final int capacity;
    private final NotifierMetrics metrics;
    private final ArrayDeque<NotifierAlert> queue = new ArrayDeque<>();
    private final Function<AlertmanagerConfig, AlertmanagerSet> setFactory;
    private volatile List<AlertmanagerSet> sets = List.of();
    private volatile Labels externalLabels = Labels.EMPTY;
    private volatile List<RelabelConfig> relabel = List.of();
    private volatile Executor executor = Runnable::run;

    public Notifier(int capacity, NotifierMetrics metrics, Function<AlertmanagerConfig, AlertmanagerSet> setFactory) {
        this.capacity = capacity;
        this.metrics = metrics;
        this.setFactory = setFactory != null ? setFactory : c -> new AlertmanagerSet(c, null);
        metrics.queueCapacity.set(capacity);
    }

    /**
     * Where posts run: each Alertmanager of a batch gets its own task, so a slow one does not
     * hold up the others (the batch waits for all, as Prometheus does). Default: the caller's thread.
     */
    public void setExecutor(Executor executor) {
        this.executor = executor;
    }

    /** Switches to new alerting configuration and external labels. */
    public void apply(AlertingConfig cfg, Labels external) {
        List<AlertmanagerSet> next = new ArrayList<>();
        for (AlertmanagerConfig c : cfg.alertmanagers()) {
            AlertmanagerSet s = setFactory.apply(c);
            s.refresh();
            next.add(s);
        }
        externalLabels = external == null ? Labels.EMPTY : external;
        relabel = cfg.alertRelabelConfigs();
        sets = List.copyOf(next);
        updateDiscovered();
    }

    public List<AlertmanagerSet> sets() {
        return sets;
    }

    /** Re-reads service discovery of every set. */
    public void refreshDiscovery() {
        for (AlertmanagerSet s : sets) {
            s.refresh();
        }
        updateDiscovered();
    }

    private void updateDiscovered() {
        int n = 0;
        for (AlertmanagerSet s : sets) {
            n += s.activeUrls().size();
        }
        metrics.discovered.set(n);
    }

    /** Queues alerts (external labels added where missing, then alert_relabel_configs). */
    public void send(List<NotifierAlert> alerts) {
        List<NotifierAlert> prepared = new ArrayList<>(alerts.size());
        Labels ext = externalLabels;
        List<RelabelConfig> rc = relabel;
        for (NotifierAlert a : alerts) {
            Labels.Builder b = a.labels().toBuilder();
            for (int i = 0; i < ext.size(); i++) {
                if (!a.labels().has(ext.name(i))) {
                    b.set(ext.name(i), ext.value(i));
                }
            }
            if (!rc.isEmpty() && !Relabeler.processBuilder(b, rc)) {
                continue;
            }
            Labels l = b.build();
            if (l.isEmpty()) {
                continue;
            }
            prepared.add(a.withLabels(l));
        }
        synchronized (queue) {
            int from = 0;
            if (prepared.size() > capacity) {
                from = prepared.size() - capacity;
                metrics.dropped.inc(from);
            }
            int overflow = queue.size() + (prepared.size() - from) - capacity;
            for (int i = 0; i < overflow; i++) {
                queue.pollFirst();
            }
            if (overflow > 0) {
                metrics.dropped.inc(overflow);
            }
            for (int i = from; i < prepared.size(); i++) {
                queue.addLast(prepared.get(i));
            }
            metrics.queueLength.set(queue.size());
        }
    }

    public int queueLength() {
        synchronized (queue) {
            return queue.size();
        }
    }

    /** Sends everything queued, batch by batch; returns the number of alerts taken from the queue. */
    public int drain() {
        int total = 0;
        while (true) {
            List<NotifierAlert> batch = new ArrayList<>(MAX_BATCH);
            synchronized (queue) {
                while (batch.size() < MAX_BATCH && !queue.isEmpty()) {
                    batch.add(queue.pollFirst());
                }
                metrics.queueLength.set(queue.size());
            }
            if (batch.isEmpty()) {
                return total;
            }
            total += batch.size();
            if (!sendAll(batch)) {
                metrics.dropped.inc(batch.size());
            }
        }
    }

    /** Posts a batch to every Alertmanager; true when at least one accepted it (or there is none). */
    boolean sendAll(List<NotifierAlert> batch) {
        List<AlertmanagerSet> current = sets;
        AtomicBoolean success = new AtomicBoolean();
        List<CompletableFuture<Void>> posts = new ArrayList<>();
        for (AlertmanagerSet s : current) {
            List<NotifierAlert> alerts = batch;
            if (!s.config().alertRelabelConfigs().isEmpty()) {
                alerts = new ArrayList<>();
                for (NotifierAlert a : batch) {
                    Labels l = Relabeler.process(a.labels(), s.config().alertRelabelConfigs());
                    if (l != null && !l.isEmpty()) {
                        alerts.add(a.withLabels(l));
                    }
                }
            }
            if (alerts.isEmpty()) {
                continue;
            }
            byte[] body = AlertJson.encode(alerts);
            int count = alerts.size();
            for (String url : s.activeUrls()) {
                posts.add(CompletableFuture.runAsync(() -> {
                    long start = System.nanoTime();
                    try {
                        s.post(url, body);
                        success.set(true);
                    } catch (Exception e) {
                        AlertmanagerSet.logFailure(url, e);
                        metrics.errors.labelValues(url).inc(count);
                    }
                    metrics.latency.labelValues(url).observe((System.nanoTime() - start) / 1e9);
                    metrics.sent.labelValues(url).inc(count);
                }, executor));
            }
        }
        for (CompletableFuture<Void> f : posts) {
            try {
                f.join();
            } catch (RuntimeException e) {
                // the task itself logs and counts failures; a rejected task is just not sent
            }
        }
        return success.get() || posts.isEmpty();
    }
}
