package dev.pharos.notifier;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Summary;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** The notifier's own metrics, under Prometheus's names. */
public final class NotifierMetrics {
    final Counter sent;
    final Counter errors;
    final Counter dropped;
    final Gauge queueLength;
    final Gauge queueCapacity;
    final Gauge discovered;
    final Summary latency;

    public NotifierMetrics(PrometheusRegistry registry) {
        sent = Counter.builder().name("prometheus_notifications_sent_total")
                .help("Total number of alerts sent.").labelNames("alertmanager").register(registry);
        errors = Counter.builder().name("prometheus_notifications_errors_total")
                .help("Total number of sent alerts affected by errors.").labelNames("alertmanager").register(registry);
        dropped = Counter.builder().name("prometheus_notifications_dropped_total")
                .help("Total number of alerts dropped due to errors when sending to Alertmanager.").register(registry);
        queueLength = Gauge.builder().name("prometheus_notifications_queue_length")
                .help("The number of alert notifications in the queue.").register(registry);
        queueCapacity = Gauge.builder().name("prometheus_notifications_queue_capacity")
                .help("The capacity of the alert notifications queue.").register(registry);
        discovered = Gauge.builder().name("prometheus_notifications_alertmanagers_discovered")
                .help("The number of alertmanagers discovered and active.").register(registry);
        latency = Summary.builder().name("prometheus_notifications_latency_seconds")
                .help("Latency quantiles for sending alert notifications.").labelNames("alertmanager")
                .quantile(0.5, 0.05).quantile(0.9, 0.01).quantile(0.99, 0.001).register(registry);
    }

    /** Metrics into a private registry, for tests. */
    public static NotifierMetrics unregistered() {
        return new NotifierMetrics(new PrometheusRegistry());
    }
}
