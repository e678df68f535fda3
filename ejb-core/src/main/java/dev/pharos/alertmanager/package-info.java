/**
 * The Alertmanager engine in plain Java (no Jakarta imports).
 *
 * <p>Wiring, for the lead's EJB and JAX-RS layer:
 * <pre>
 * AlertmanagerConfig cfg = ConfigLoader.loadFile(path);            // ConfigException: file, line, field, reason()
 * AlertmanagerEngine am = new AlertmanagerEngine(cfg, AlertmanagerEngine.Dependencies.of(
 *         clock, silenceStore, notificationLogStore,              // JPA implementations of the two store interfaces
 *         messageRenderer, emailSender,                           // template engine adapter, Jakarta Mail adapter
 *         externalURL, versionInfo));
 * scheduler: am.tick() every second, am.maintenance() every 15 minutes
 * reload:    am.applyConfig(ConfigLoader.loadFile(path))
 * HTTP:      am.api().getAlerts(query) / postAlerts(Json.parse(body)) / getAlertGroups / getSilences /
 *            getSilence / postSilence / deleteSilence / getReceivers / getStatus;
 *            serialise results with Json.write; ApiException carries status and jsonBody()
 * metrics:   am.metrics() (NotificationMetrics counters)
 * amtool:    RouteTreePrinter.print(Route.tree(cfg.route())), Route#matchReceivers, cfg.secretHiddenYaml()
 * </pre>
 */
package dev.pharos.alertmanager;
