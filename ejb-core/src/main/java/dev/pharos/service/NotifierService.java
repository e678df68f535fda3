package dev.pharos.service;

import dev.pharos.config.PrometheusConfig;
import dev.pharos.notifier.Notifier;
import dev.pharos.notifier.NotifierAlert;
import dev.pharos.notifier.NotifierMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Drives the notifier: applies {@code alerting} of each configuration, sends queued alerts
 * as soon as they arrive (polled every 100 ms) and re-reads Alertmanager discovery every 5 s.
 */
@Singleton
@Startup
@LocalBean
@DependsOn("ConfigService")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class NotifierService implements ConfigService.Listener {

    private static final Logger LOG = Logger.getLogger(NotifierService.class.getName());

    @Resource(lookup = "concurrent/pharosScheduler")
    ManagedScheduledExecutorService scheduler;

    @Inject
    ConfigService config;

    @Inject
    Settings settings;

    private Notifier notifier;
    private ScheduledFuture<?> sender;
    private ScheduledFuture<?> discovery;

    @PostConstruct
    void start() {
        int capacity = Integer.parseInt(settings.get("pharos.alertmanager.notification-queue-capacity",
                String.valueOf(Notifier.DEFAULT_QUEUE_CAPACITY)));
        notifier = new Notifier(capacity, new NotifierMetrics(PrometheusRegistry.defaultRegistry), null);
        notifier.setExecutor(scheduler);
        config.addListener(this);
        sender = scheduler.scheduleWithFixedDelay(this::drain, 100, 100, TimeUnit.MILLISECONDS);
        discovery = scheduler.scheduleWithFixedDelay(this::discover, 5, 5, TimeUnit.SECONDS);
    }

    private void drain() {
        try {
            notifier.drain();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "sending alerts failed", e);
        }
    }

    private void discover() {
        try {
            notifier.refreshDiscovery();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Alertmanager discovery failed", e);
        }
    }

    @Override
    public void apply(PrometheusConfig cfg) {
        notifier.apply(cfg.alerting(), cfg.global().externalLabels());
    }

    /** The engine, for callers that send from their own threads (rule groups) and the API. */
    public Notifier notifier() {
        return notifier;
    }

    public void send(List<NotifierAlert> alerts) {
        notifier.send(alerts);
    }

    @PreDestroy
    void stop() {
        if (sender != null) {
            sender.cancel(false);
        }
        if (discovery != null) {
            discovery.cancel(false);
        }
    }
}
