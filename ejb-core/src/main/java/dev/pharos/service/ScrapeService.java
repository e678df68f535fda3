package dev.pharos.service;

import dev.pharos.config.PrometheusConfig;
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
import java.util.List;
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

    private ScrapeManager manager;
    private ScheduledFuture<?> discovery;

    @PostConstruct
    void start() {
        manager = new ScrapeManager(storage.storage(), scheduler, new ScrapeMetrics(PrometheusRegistry.defaultRegistry),
                System::currentTimeMillis);
        config.addListener(this);
        discovery = scheduler.scheduleWithFixedDelay(this::pollDiscovery, 1, 1, TimeUnit.SECONDS);
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
        }
        manager.stop();
    }
}
