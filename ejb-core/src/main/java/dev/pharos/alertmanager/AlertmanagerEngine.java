package dev.pharos.alertmanager;

import dev.pharos.alertmanager.api.AlertmanagerApi;
import dev.pharos.alertmanager.config.AlertmanagerConfig;
import dev.pharos.alertmanager.config.HttpClientConfig;
import dev.pharos.alertmanager.dispatch.Dispatcher;
import dev.pharos.alertmanager.dispatch.Route;
import dev.pharos.alertmanager.inhibit.Inhibitor;
import dev.pharos.alertmanager.notify.EmailSender;
import dev.pharos.alertmanager.notify.HttpTransport;
import dev.pharos.alertmanager.notify.Integrations;
import dev.pharos.alertmanager.notify.JdkHttpTransport;
import dev.pharos.alertmanager.notify.MessageRenderer;
import dev.pharos.alertmanager.notify.NotificationLogStore;
import dev.pharos.alertmanager.notify.NotificationMetrics;
import dev.pharos.alertmanager.notify.NotificationPipeline;
import dev.pharos.alertmanager.notify.RetryPolicy;
import dev.pharos.alertmanager.silence.SilenceStore;
import dev.pharos.alertmanager.silence.Silences;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Function;

/**
 * The whole Alertmanager engine wired together, for the lead's EJB: alerts, silences, the
 * notification log and metrics survive configuration reloads; the routing tree, inhibitor,
 * integrations and dispatcher are rebuilt by {@link #applyConfig}. Drive it with
 * {@link #tick()} (e.g. every second) and {@link #maintenance()} (e.g. every 15 minutes).
 */
public final class AlertmanagerEngine {

    /** What the engine needs from outside. */
    public record Dependencies(Clock clock, SilenceStore silenceStore, NotificationLogStore notificationLog,
            MessageRenderer renderer, EmailSender emailSender, Function<HttpClientConfig, HttpTransport> transports,
            RetryPolicy retryPolicy, String externalURL, AlertmanagerApi.VersionInfo version) {

        /** Real HTTP, default retries. */
        public static Dependencies of(Clock clock, SilenceStore silences, NotificationLogStore log,
                MessageRenderer renderer, EmailSender email, String externalURL,
                AlertmanagerApi.VersionInfo version) {
            return new Dependencies(clock, silences, log, renderer, email, JdkHttpTransport::new,
                    RetryPolicy.defaults(), externalURL, version);
        }
    }

    private final Dependencies deps;
    private final AlertMarker marker = new AlertMarker();
    private final AlertStore alerts;
    private final Silences silences;
    private final NotificationMetrics metrics = new NotificationMetrics();
    private final Instant startedAt;
    private volatile AlertmanagerConfig config;
    private volatile Inhibitor inhibitor;
    private volatile Dispatcher dispatcher;
    private volatile NotificationPipeline pipeline;
    private volatile AlertmanagerApi api;
    private volatile java.util.concurrent.Executor flushExecutor = Runnable::run;
    private volatile java.time.Duration peerWait = java.time.Duration.ZERO;
    private ClusterMembership cluster = ClusterMembership.DISABLED;

    public AlertmanagerEngine(AlertmanagerConfig config, Dependencies deps) {
        this.deps = deps;
        this.alerts = new AlertStore(deps.clock(), marker);
        this.silences = new Silences(deps.silenceStore(), deps.clock());
        this.startedAt = deps.clock().instant();
        applyConfig(config);
    }

    /** Switches to a new (already validated) configuration; alerts are regrouped under the new tree. */
    public synchronized void applyConfig(AlertmanagerConfig cfg) {
        if (dispatcher != null) {
            dispatcher.stop();
        }
        if (inhibitor != null) {
            inhibitor.close();
        }
        Inhibitor inh = new Inhibitor(cfg.inhibitRules(), alerts, marker, deps.clock());
        NotificationPipeline pipeline = new NotificationPipeline(inh, silences, marker, cfg.timeIntervals(),
                Integrations.build(cfg, deps.renderer(), deps.transports(), deps.emailSender()),
                deps.notificationLog(), metrics, deps.retryPolicy(), deps.clock(), deps.externalURL());
        pipeline.setPeerWait(peerWait);
        this.pipeline = pipeline;
        Dispatcher d = new Dispatcher(Route.tree(cfg.route()), alerts, pipeline, deps.clock());
        d.setFlushExecutor(flushExecutor);
        d.start();
        this.config = cfg;
        this.inhibitor = inh;
        this.dispatcher = d;
        this.api = new AlertmanagerApi(cfg, alerts, marker, silences, inh, d, deps.clock(), startedAt, deps.version());
        api.setCluster(cluster);
    }

    /**
     * Joins the instances sharing this database as {@code membership} (shown by
     * /api/v2/status); each waits its position x {@code peerTimeout} before sending, the
     * position being {@code position} when given, else its place among the members by name.
     */
    public synchronized void setCluster(ClusterMembership membership, Integer position, java.time.Duration peerTimeout) {
        this.cluster = membership;
        api.setCluster(membership);
        setPeerPosition(position != null ? position : membership.position(), peerTimeout);
    }

    /** Runs group flushes on this executor from now on (default: within {@link #tick()}). */
    public synchronized void setFlushExecutor(java.util.concurrent.Executor executor) {
        this.flushExecutor = executor;
        if (dispatcher != null) {
            dispatcher.setFlushExecutor(executor);
        }
    }

    /**
     * High availability over a shared database: this instance's cluster position times the
     * peer timeout is waited before each notification is deduplicated (the original's
     * WaitStage), so instances flushing the same group at the same moment send it once.
     */
    public synchronized void setPeerPosition(int position, java.time.Duration peerTimeout) {
        this.peerWait = peerTimeout.multipliedBy(Math.max(0, position));
        if (pipeline != null) {
            pipeline.setPeerWait(peerWait);
        }
    }

    /** Flushes due groups; returns how many. */
    public int tick() {
        return dispatcher.tick();
    }

    /** Garbage collection: resolved alerts, silences past retention, expired log entries. */
    public void maintenance() {
        alerts.gc();
        silences.gc();
        deps.notificationLog().gc(deps.clock().instant());
    }

    public AlertmanagerApi api() {
        return api;
    }

    public AlertmanagerConfig config() {
        return config;
    }

    public AlertStore alerts() {
        return alerts;
    }

    public Silences silences() {
        return silences;
    }

    public AlertMarker marker() {
        return marker;
    }

    public NotificationMetrics metrics() {
        return metrics;
    }

    public Dispatcher dispatcher() {
        return dispatcher;
    }
}
