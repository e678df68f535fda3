package dev.pharos.service;

import dev.pharos.config.PrometheusConfig;
import dev.pharos.persistence.MetricMetadataEntry;
import dev.pharos.persistence.MetricMetadataStore;
import dev.pharos.scrape.MetricMetadata;
import dev.pharos.scrape.Target;
import dev.pharos.scrape.ScrapeManager;
import dev.pharos.scrape.ScrapeMetrics;
import dev.pharos.scrape.ScrapePool;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Drives the scrape manager: scrape loops run on Liberty's managed scheduled executor,
 * target discovery is polled every second, and each configuration reload is applied.
 */
@Singleton
@Startup
@LocalBean
@DependsOn({"StorageService", "ConfigService"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ScrapeService implements ConfigService.Listener {

    private static final Logger LOG = Logger.getLogger(ScrapeService.class.getName());

    @Resource(lookup = "concurrent/pharosScheduler")
    ManagedScheduledExecutorService scheduler;

    @Inject
    StorageService storage;

    @Inject
    ConfigService config;

    @Inject
    MetricMetadataStore metadataStore;

    private ScrapeManager manager;
    private ScheduledFuture<?> discovery;
    private ScheduledFuture<?> metadataPersist;

    @PostConstruct
    void start() {
        manager = new ScrapeManager(storage.storage(), scheduler, new ScrapeMetrics(PrometheusRegistry.defaultRegistry),
                System::currentTimeMillis);
        config.addListener(this);
        discovery = scheduler.scheduleWithFixedDelay(this::pollDiscovery, 1, 1, TimeUnit.SECONDS);
        metadataPersist = scheduler.scheduleWithFixedDelay(this::persistMetadata, 5, 15, TimeUnit.SECONDS);
    }

    /** Stores the metadata the targets expose, one row per metric name. */
    private void persistMetadata() {
        try {
            Map<String, MetricMetadataEntry> byMetric = new LinkedHashMap<>();
            long now = System.currentTimeMillis();
            for (ScrapePool p : manager.pools()) {
                for (Target t : p.activeTargets()) {
                    for (MetricMetadata m : t.metadata().values()) {
                        byMetric.putIfAbsent(m.metric(),
                                new MetricMetadataEntry(m.metric(), m.type().wireName(), m.help(), m.unit(), now));
                    }
                }
            }
            metadataStore.upsert(byMetric.values());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "persisting metric metadata failed", e);
        }
    }

    /**
     * The metadata the active targets expose now, one entry per metric family, as a plain
     * supplier (no EJB call) for the remote-write queues' metadata sender.
     */
    public java.util.function.Supplier<List<MetricMetadata>> metadataSource() {
        ScrapeManager m = manager;
        return () -> {
            Map<String, MetricMetadata> byMetric = new LinkedHashMap<>();
            for (ScrapePool p : m.pools()) {
                for (Target t : p.activeTargets()) {
                    for (MetricMetadata md : t.metadata().values()) {
                        byMetric.putIfAbsent(md.metric(), md);
                    }
                }
            }
            return List.copyOf(byMetric.values());
        };
    }

    /** Metadata stored by earlier scrapes (also before a restart). */
    public List<MetricMetadataEntry> storedMetadata() {
        return metadataStore.all();
    }

    private void pollDiscovery() {
        try {
            manager.discover();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "target discovery failed", e);
        }
    }

    @Override
    public void apply(PrometheusConfig cfg) {
        // Targets are scraped once the TSDB has replayed its WAL, as in Prometheus; configurations
        // applied before that wait, in order.
        storage.whenReady(() -> applyNow(cfg));
    }

    private synchronized void applyNow(PrometheusConfig cfg) {
        int changed = manager.apply(cfg.scrapeConfigs());
        LOG.info("Scrape configuration applied: " + cfg.scrapeConfigs().size() + " jobs, " + changed + " (re)started");
    }

    public List<ScrapePool> pools() {
        return manager.pools();
    }

    @PreDestroy
    void stop() {
        if (discovery != null) {
            discovery.cancel(false);
            metadataPersist.cancel(false);
        }
        manager.stop();
    }
}
