package dev.pharos.service;

import dev.pharos.alertmanager.AlertmanagerEngine;
import dev.pharos.alertmanager.AlertMarker;
import dev.pharos.alertmanager.api.AlertmanagerApi;
import dev.pharos.alertmanager.config.AlertmanagerConfig;
import dev.pharos.alertmanager.config.ConfigLoader;
import dev.pharos.alertmanager.notify.MessageRenderer;
import dev.pharos.alertmanager.notify.NotificationData;
import dev.pharos.alertmanager.notify.NotificationMetrics;
import dev.pharos.alertmanager.silence.Silence;
import dev.pharos.persistence.AlertmanagerRepository;
import dev.pharos.template.TemplateException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Alertmanager face: loads {@code alertmanager.yml}, runs the engine with silences and
 * the notification log in the database, ticks it every second and reloads it on request.
 * Thin on purpose: the behaviour is in {@link AlertmanagerEngine}.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class AlertmanagerService {

    private static final Logger LOG = Logger.getLogger(AlertmanagerService.class.getName());
    private static final long MAINTENANCE_SECONDS = 15 * 60;
    private static final long SILENCE_REFRESH_SECONDS = 5;

    @Inject
    Settings settings;

    @EJB
    AlertmanagerRepository repository;

    @Resource(lookup = "concurrent/pharosScheduler")
    ManagedScheduledExecutorService scheduler;

    @Resource(lookup = "concurrent/pharosExecutor")
    jakarta.enterprise.concurrent.ManagedExecutorService executor;

    private final Clock clock = Clock.systemUTC();
    private final SwitchableRenderer renderer = new SwitchableRenderer();
    private JpaSilenceStore silenceStore;
    private volatile AlertmanagerEngine engine;
    private volatile boolean lastReloadSuccessful;
    private volatile Instant lastReloadSuccess = Instant.EPOCH;
    private volatile String configHash = "";
    private ScheduledFuture<?> ticker;
    private ScheduledFuture<?> maintenance;
    private ScheduledFuture<?> refresher;

    /** The renderer of the running templates; swapped on reload, the engine keeps one instance. */
    static final class SwitchableRenderer implements MessageRenderer {
        volatile AlertTemplates current;

        @Override
        public String render(String template, NotificationData data) throws RenderException {
            return current.render(template, data);
        }

        @Override
        public String renderHtml(String template, NotificationData data) throws RenderException {
            return current.renderHtml(template, data);
        }
    }

    @PostConstruct
    void start() {
        silenceStore = new JpaSilenceStore(repository);
        AlertmanagerConfig cfg;
        try {
            cfg = load();
        } catch (Exception e) {
            // The original exits; Pharos keeps the other faces up and runs an empty configuration.
            LOG.log(Level.SEVERE, "Loading configuration file failed (--config.file="
                    + settings.alertmanagerConfigFile() + "): " + e.getMessage());
            cfg = ConfigLoader.load("route:\n  receiver: blackhole\nreceivers:\n  - name: blackhole\n");
            try {
                renderer.current = AlertTemplates.load(java.util.List.of());
            } catch (TemplateException | IOException t) {
                throw new IllegalStateException(t);
            }
        }
        engine = new AlertmanagerEngine(cfg, AlertmanagerEngine.Dependencies.of(clock, silenceStore,
                new JpaNotificationLogStore(repository), renderer, new JakartaMailSender(), externalURL(),
                new AlertmanagerApi.VersionInfo(BuildInfo.VERSION, BuildInfo.REVISION, BuildInfo.BRANCH,
                        BuildInfo.BUILD_USER, BuildInfo.BUILD_DATE, "java" + BuildInfo.JAVA_VERSION)));
        // Each due group is sent on its own thread: a slow receiver must not delay the others.
        engine.setFlushExecutor(executor);
        // Several instances on one PostgreSQL: each waits position x peer-timeout before sending
        // (the original's --cluster.peer-timeout), so the log written by the one before it wins.
        try {
            applyCluster();
        } catch (RuntimeException e) {
            LOG.warning("Ignoring invalid pharos.alertmanager.cluster settings: " + e.getMessage());
        }
        ticker = scheduler.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
        refresher = scheduler.scheduleWithFixedDelay(this::refreshSilences, SILENCE_REFRESH_SECONDS,
                SILENCE_REFRESH_SECONDS, TimeUnit.SECONDS);
        maintenance = scheduler.scheduleWithFixedDelay(this::maintain, MAINTENANCE_SECONDS, MAINTENANCE_SECONDS,
                TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        for (ScheduledFuture<?> f : new ScheduledFuture<?>[] {ticker, refresher, maintenance}) {
            if (f != null) {
                f.cancel(false);
            }
        }
    }

    /** Loads and checks the file and its templates; on success the renderer switches to them. */
    private AlertmanagerConfig load() throws IOException, TemplateException {
        AlertmanagerConfig cfg = ConfigLoader.loadFile(settings.alertmanagerConfigFile());
        AlertTemplates t = AlertTemplates.load(cfg.templates());
        renderer.current = t;
        configHash = sha256(cfg.original());
        lastReloadSuccessful = true;
        lastReloadSuccess = clock.instant();
        LOG.info("Completed loading of configuration file " + settings.alertmanagerConfigFile());
        return cfg;
    }

    /**
     * Reloads alertmanager.yml. Returns null on success, else the reason (the running
     * configuration stays).
     */
    public synchronized String reload() {
        AlertTemplates previous = renderer.current;
        try {
            AlertmanagerConfig cfg = ConfigLoader.loadFile(settings.alertmanagerConfigFile());
            AlertTemplates t = AlertTemplates.load(cfg.templates());
            renderer.current = t;
            engine.applyConfig(cfg);
            configHash = sha256(cfg.original());
            lastReloadSuccessful = true;
            lastReloadSuccess = clock.instant();
            LOG.info("Completed loading of configuration file " + settings.alertmanagerConfigFile());
            return null;
        } catch (IOException | TemplateException | RuntimeException e) {
            renderer.current = previous;
            lastReloadSuccessful = false;
            LOG.warning("Loading configuration file failed: " + e.getMessage());
            return e.getMessage() == null ? e.toString() : e.getMessage();
        }
    }

    public AlertmanagerEngine engine() {
        return engine;
    }

    public AlertmanagerApi api() {
        return engine.api();
    }

    /** The original's external URL default: http://<hostname>:<port>. */
    /**
     * pharos.alertmanager.cluster.*: name (default: the advertise address), advertise-address
     * (default host:alert port), peers (the other instances, "address" or "name=address",
     * comma-separated), position (default: this instance's place among the members by name)
     * and peer-timeout (15s). Any of name, peers or position makes the instance a cluster member
     * in /api/v2/status; none leaves it a lone instance (cluster "disabled").
     */
    private void applyCluster() {
        java.util.Optional<String> name = settings.get("pharos.alertmanager.cluster.name").map(String::trim);
        java.util.Optional<String> peers = settings.get("pharos.alertmanager.cluster.peers");
        java.util.Optional<String> position = settings.get("pharos.alertmanager.cluster.position").map(String::trim);
        java.time.Duration peerTimeout = dev.pharos.alertmanager.PromDuration.parse(
                settings.get("pharos.alertmanager.cluster.peer-timeout", "15s").trim());
        Integer pos = position.isPresent() && !position.get().isEmpty() ? Integer.valueOf(position.get()) : null;
        boolean member = name.filter(n -> !n.isEmpty()).isPresent() || peers.filter(p -> !p.isBlank()).isPresent()
                || pos != null;
        dev.pharos.alertmanager.ClusterMembership membership = dev.pharos.alertmanager.ClusterMembership.DISABLED;
        if (member) {
            String address = settings.get("pharos.alertmanager.cluster.advertise-address", "").trim();
            if (address.isEmpty()) {
                address = hostName() + ":" + settings.alertPort();
            }
            String self = name.filter(n -> !n.isEmpty()).orElse(address);
            membership = dev.pharos.alertmanager.ClusterMembership.of(
                    new dev.pharos.alertmanager.ClusterMembership.Peer(self, address),
                    dev.pharos.alertmanager.ClusterMembership.parsePeers(peers.orElse("")),
                    clock.instant().plus(dev.pharos.alertmanager.ClusterMembership.SETTLE_TIME));
        }
        engine.setCluster(membership, pos, peerTimeout);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    private String externalURL() {
        String configured = settings.get("pharos.alertmanager.web.external-url", "");
        if (!configured.isEmpty()) {
            return configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
        }
        return "http://" + hostName() + ":" + settings.alertPort();
    }

    private void tick() {
        try {
            engine.tick();
        } catch (RuntimeException | Error e) {
            // A periodic task that throws is never run again: log and keep ticking.
            LOG.log(Level.WARNING, "Alertmanager dispatch failed", e);
        }
    }

    private void refreshSilences() {
        try {
            silenceStore.refresh();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Reading silences failed", e);
        }
    }

    private void maintain() {
        try {
            engine.maintenance();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Alertmanager maintenance failed", e);
        }
    }

    private static String sha256(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** /metrics of the :9093 face, with the original's metric names. */
    public String metricsText() {
        AlertmanagerEngine e = engine;
        StringBuilder sb = new StringBuilder(4096);
        Instant now = clock.instant();
        Map<String, Integer> states = new TreeMap<>(Map.of("active", 0, "suppressed", 0, "unprocessed", 0));
        AlertMarker marker = e.marker();
        for (dev.pharos.alertmanager.Alert a : e.alerts().list()) {
            if (a.resolvedAt(now)) {
                continue;
            }
            states.merge(marker.status(a.fingerprint()).state(), 1, Integer::sum);
        }
        header(sb, "alertmanager_alerts", "How many alerts by state.", "gauge");
        states.forEach((k, v) -> sb.append("alertmanager_alerts{state=\"").append(k).append("\"} ").append(v)
                .append('\n'));

        NotificationMetrics m = e.metrics();
        java.util.Set<String> integrations = new java.util.TreeSet<>(m.notificationsTotals().keySet());
        for (String i : new String[] {"discord", "email", "msteams", "msteamsv2", "opsgenie", "pagerduty", "slack",
                "telegram", "webex", "webhook"}) {
            integrations.add(i);
        }
        header(sb, "alertmanager_notifications_total", "The total number of attempted notifications.", "counter");
        for (String i : integrations) {
            sb.append("alertmanager_notifications_total{integration=\"").append(i).append("\"} ")
                    .append(m.notificationsTotal(i)).append('\n');
        }
        header(sb, "alertmanager_notifications_failed_total",
                "The total number of failed notifications.", "counter");
        Map<String, Map<String, Long>> failed = m.failedByIntegration();
        for (String i : integrations) {
            Map<String, Long> byReason = failed.getOrDefault(i, Map.of());
            if (byReason.isEmpty()) {
                sb.append("alertmanager_notifications_failed_total{integration=\"").append(i)
                        .append("\",reason=\"other\"} 0\n");
            }
            new TreeMap<>(byReason).forEach((reason, n) -> sb.append("alertmanager_notifications_failed_total{integration=\"")
                    .append(i).append("\",reason=\"").append(reason).append("\"} ").append(n).append('\n'));
        }
        header(sb, "alertmanager_notification_requests_total",
                "The total number of attempted notification requests.", "counter");
        for (String i : integrations) {
            sb.append("alertmanager_notification_requests_total{integration=\"").append(i).append("\"} ")
                    .append(m.requestsTotal(i)).append('\n');
        }
        header(sb, "alertmanager_notification_requests_failed_total",
                "The total number of failed notification requests.", "counter");
        for (String i : integrations) {
            sb.append("alertmanager_notification_requests_failed_total{integration=\"").append(i).append("\"} ")
                    .append(m.requestsFailedTotal(i)).append('\n');
        }
        header(sb, "alertmanager_notification_latency_seconds", "The latency of notifications in seconds.",
                "histogram");
        for (String i : integrations) {
            long[] b = m.latencyBuckets(i);
            for (int k = 0; k < NotificationMetrics.LATENCY_BUCKETS.length; k++) {
                sb.append("alertmanager_notification_latency_seconds_bucket{integration=\"").append(i)
                        .append("\",le=\"").append(trim(NotificationMetrics.LATENCY_BUCKETS[k])).append("\"} ")
                        .append(b == null ? 0 : b[k]).append('\n');
            }
            long count = b == null ? 0 : b[NotificationMetrics.LATENCY_BUCKETS.length];
            sb.append("alertmanager_notification_latency_seconds_bucket{integration=\"").append(i)
                    .append("\",le=\"+Inf\"} ").append(count).append('\n');
            sb.append("alertmanager_notification_latency_seconds_sum{integration=\"").append(i).append("\"} ")
                    .append(m.latencySecondsSum(i)).append('\n');
            sb.append("alertmanager_notification_latency_seconds_count{integration=\"").append(i).append("\"} ")
                    .append(count).append('\n');
        }

        Map<String, Integer> silenceStates = new TreeMap<>(Map.of("active", 0, "expired", 0, "pending", 0));
        for (Silence s : e.silences().list()) {
            silenceStates.merge(s.state(now).name().toLowerCase(), 1, Integer::sum);
        }
        header(sb, "alertmanager_silences", "How many silences by state.", "gauge");
        silenceStates.forEach((k, v) -> sb.append("alertmanager_silences{state=\"").append(k).append("\"} ").append(v)
                .append('\n'));

        header(sb, "alertmanager_config_last_reload_successful",
                "Whether the last configuration reload attempt was successful.", "gauge");
        sb.append("alertmanager_config_last_reload_successful ").append(lastReloadSuccessful ? 1 : 0).append('\n');
        header(sb, "alertmanager_config_last_reload_success_timestamp_seconds",
                "Timestamp of the last successful configuration reload.", "gauge");
        sb.append("alertmanager_config_last_reload_success_timestamp_seconds ")
                .append(lastReloadSuccess.getEpochSecond()).append('\n');
        header(sb, "alertmanager_config_hash", "Hash of the currently loaded alertmanager configuration.", "gauge");
        double hash = configHash.isEmpty() ? 0 : (double) Long.parseUnsignedLong(configHash.substring(0, 12), 16);
        sb.append("alertmanager_config_hash ").append(hash).append('\n');
        header(sb, "alertmanager_build_info", "A metric with a constant '1' value labeled by version, revision, "
                + "branch, and goversion from which alertmanager was built.", "gauge");
        sb.append("alertmanager_build_info{branch=\"").append(BuildInfo.BRANCH).append("\",goversion=\"java")
                .append(BuildInfo.JAVA_VERSION).append("\",revision=\"").append(BuildInfo.REVISION)
                .append("\",version=\"").append(BuildInfo.VERSION).append("\"} 1\n");
        return sb.toString();
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    private static void header(StringBuilder sb, String name, String help, String type) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }
}
