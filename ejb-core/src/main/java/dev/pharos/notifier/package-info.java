/**
 * Delivery of alerts to Alertmanagers over API v2, as Prometheus's notifier: external labels
 * and {@code alert_relabel_configs}, a bounded queue that drops the oldest on overflow,
 * batches of 64 posted to every discovered Alertmanager ({@link dev.pharos.notifier.AlertmanagerSet}:
 * static and file SD, relabeling, http_config auth and TLS), with Prometheus's metric names.
 * Driven by {@code dev.pharos.service.NotifierService}.
 */
package dev.pharos.notifier;
