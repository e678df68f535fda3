package dev.pharos.remote;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.function.ToDoubleFunction;

/**
 * Prometheus's {@code prometheus_remote_storage_*} self-metrics, read from the queues of a
 * {@link RemoteWriteTee} at scrape time (the queues are rebuilt on every reload, the metrics are
 * registered once). Per queue they carry {@code remote_name} and {@code url} as in Prometheus;
 * {@code samples_dropped_total} also has Prometheus's {@code reason} label ({@code dropped_series}
 * for write relabelling, {@code too_old} for sample_age_limit) plus Pharos's {@code queue_full}
 * (Prometheus blocks its WAL reader instead of dropping).
 */
public final class RemoteWriteMetrics {

    private static final String[] LABELS = {"remote_name", "url"};
    private static RemoteWriteMetrics registered;

    private volatile RemoteWriteTee tee;

    public RemoteWriteMetrics(PrometheusRegistry registry, RemoteWriteTee tee) {
        this.tee = tee;
        counter(registry, "prometheus_remote_storage_samples_total", "Total number of samples sent to remote storage.",
                RemoteWriteQueue::samplesSent);
        counter(registry, "prometheus_remote_storage_samples_failed_total",
                "Total number of samples which failed on send to remote storage, non-recoverable errors.",
                RemoteWriteQueue::samplesFailed);
        counter(registry, "prometheus_remote_storage_samples_retried_total",
                "Total number of samples which failed on send to remote storage but were retried because the send error was recoverable.",
                RemoteWriteQueue::samplesRetried);
        CounterWithCallback.builder().name("prometheus_remote_storage_samples_dropped_total")
                .help("Total number of samples which were dropped after being read from the WAL before being sent via remote write, either via relabelling, due to being too old or unintentionally because of an unknown reference ID.")
                .labelNames("remote_name", "url", "reason")
                .callback(cb -> {
                    for (RemoteWriteQueue q : this.tee.queues()) {
                        cb.call(q.samplesDroppedByRelabelling(), q.name(), q.url(), "dropped_series");
                        cb.call(q.samplesDroppedTooOld(), q.name(), q.url(), "too_old");
                        cb.call(q.samplesDroppedQueueFull(), q.name(), q.url(), "queue_full");
                    }
                }).register(registry);
        CounterWithCallback.builder().name("prometheus_remote_storage_samples_in_total")
                .help("Samples in to remote storage, compare to samples out for queue managers.")
                .callback(cb -> cb.call(this.tee.samplesIn())).register(registry);
        counter(registry, "prometheus_remote_storage_bytes_total",
                "The total number of bytes of data (not metadata) sent by the queue after compression.",
                RemoteWriteQueue::bytesSent);
        counter(registry, "prometheus_remote_storage_metadata_total", "Total number of metadata entries sent to remote storage.",
                RemoteWriteQueue::metadataSent);
        counter(registry, "prometheus_remote_storage_metadata_failed_total",
                "Total number of metadata entries which failed on send to remote storage, non-recoverable errors.",
                RemoteWriteQueue::metadataFailed);
        counter(registry, "prometheus_remote_storage_metadata_retried_total",
                "Total number of metadata entries which failed on send to remote storage but were retried because the send error was recoverable.",
                RemoteWriteQueue::metadataRetried);
        counter(registry, "prometheus_remote_storage_metadata_bytes_total",
                "The total number of bytes of metadata sent by the queue after compression.",
                RemoteWriteQueue::metadataBytes);
        gauge(registry, "prometheus_remote_storage_samples_pending",
                "The number of samples pending in the queues shards to be sent to the remote storage.",
                RemoteWriteQueue::pending);
        gauge(registry, "prometheus_remote_storage_shards",
                "The number of shards used for parallel sending to the remote storage.", RemoteWriteQueue::shards);
        gauge(registry, "prometheus_remote_storage_shards_min",
                "The minimum number of shards that the queue is allowed to run.", RemoteWriteQueue::minShards);
        gauge(registry, "prometheus_remote_storage_shards_max",
                "The maximum number of shards that the queue is allowed to run.", RemoteWriteQueue::maxShards);
        gauge(registry, "prometheus_remote_storage_shards_desired",
                "The number of shards that the queues shard calculation wants to run based on the rate of samples in vs. samples out.",
                RemoteWriteQueue::desiredShards);
        gauge(registry, "prometheus_remote_storage_shard_capacity",
                "The capacity of each shard of the queue used for parallel sending to the remote storage.",
                RemoteWriteQueue::shardCapacity);
        gauge(registry, "prometheus_remote_storage_queue_highest_sent_timestamp_seconds",
                "Timestamp from a WAL sample, the highest timestamp successfully sent by this queue, in seconds since epoch.",
                q -> q.highestSentTimestampMillis() / 1000.0);
        GaugeWithCallback.builder().name("prometheus_remote_storage_highest_timestamp_in_seconds")
                .help("Highest timestamp that has come into the remote storage via the Appender interface, in seconds since epoch.")
                .callback(cb -> cb.call(this.tee.highestTimestampMillis() / 1000.0)).register(registry);
    }

    /**
     * Registers the metrics in the default registry once per JVM; a later call (a redeployed
     * application) points the registered metrics at its tee.
     */
    public static synchronized RemoteWriteMetrics registerDefault(RemoteWriteTee tee) {
        if (registered == null) {
            registered = new RemoteWriteMetrics(PrometheusRegistry.defaultRegistry, tee);
        } else {
            registered.tee = tee;
        }
        return registered;
    }

    private void counter(PrometheusRegistry r, String name, String help, ToDoubleFunction<RemoteWriteQueue> f) {
        CounterWithCallback.builder().name(name).help(help).labelNames(LABELS)
                .callback(cb -> {
                    for (RemoteWriteQueue q : tee.queues()) {
                        cb.call(f.applyAsDouble(q), q.name(), q.url());
                    }
                }).register(r);
    }

    private void gauge(PrometheusRegistry r, String name, String help, ToDoubleFunction<RemoteWriteQueue> f) {
        GaugeWithCallback.builder().name(name).help(help).labelNames(LABELS)
                .callback(cb -> {
                    for (RemoteWriteQueue q : tee.queues()) {
                        cb.call(f.applyAsDouble(q), q.name(), q.url());
                    }
                }).register(r);
    }
}
