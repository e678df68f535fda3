/**
 * Service discovery: target groups ({@link dev.pharos.discovery.TargetGroup}) from static
 * configs and from files ({@link dev.pharos.discovery.FileDiscovery}, polled by the caller),
 * grouped per job by {@link dev.pharos.discovery.TargetDiscovery}; and
 * {@link dev.pharos.discovery.TargetBuilder}, which turns a discovered target and its scrape
 * config into the final target labels and scrape URL (Prometheus's scrape.PopulateLabels).
 * TargetBuilder lives here rather than in scrape so that the Alertmanager discovery and the
 * targets API can share it without depending on the scrape loop.
 */
package dev.pharos.discovery;
