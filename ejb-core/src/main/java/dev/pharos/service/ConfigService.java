package dev.pharos.service;

import dev.pharos.config.ConfigException;
import dev.pharos.config.ConfigLoader;
import dev.pharos.config.PrometheusConfig;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Holds the running {@code prometheus.yml} and reloads it. A reload first loads and
 * validates the whole file, then asks every listener (scraping, rules, notifier) to accept
 * it; only then does it replace the running configuration. An invalid file never replaces
 * a working one.
 */
@Singleton
@Startup
@DependsOn("StorageService")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ConfigService {

    private static final Logger LOG = Logger.getLogger(ConfigService.class.getName());

    /** A part of Pharos that runs from the configuration. */
    public interface Listener {
        /** Checks what only this part can check (rule files, ...); throws to refuse the config. */
        default void validate(PrometheusConfig config) throws ConfigException {
        }

        /** Switches to the configuration; must not fail for a config that validated. */
        void apply(PrometheusConfig config);
    }

    @Inject
    Settings settings;

    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile PrometheusConfig current;
    private volatile boolean lastReloadSuccessful;
    private volatile Instant lastReloadSuccess = Instant.EPOCH;
    private volatile String lastError = "";
    private Gauge reloadSuccessful;
    private Gauge reloadSuccessTime;

    @PostConstruct
    void start() {
        reloadSuccessful = Gauge.builder().name("prometheus_config_last_reload_successful")
                .help("Whether the last configuration reload attempt was successful.")
                .register(PrometheusRegistry.defaultRegistry);
        reloadSuccessTime = Gauge.builder().name("prometheus_config_last_reload_success_timestamp_seconds")
                .help("Timestamp of the last successful configuration reload.")
                .register(PrometheusRegistry.defaultRegistry);
        try {
            reload();
        } catch (ConfigException e) {
            // Prometheus would exit; Pharos keeps serving (APIs, UI) with no jobs and says why.
            LOG.log(Level.SEVERE, "Error loading config (--config.file=" + settings.configFile() + "): "
                    + e.getMessage());
        }
    }

    /** Registers a listener and applies the running configuration to it at once. */
    public synchronized void addListener(Listener l) {
        listeners.add(l);
        if (current != null) {
            l.apply(current);
        }
    }

    /** Reloads the configuration file; on error the running configuration stays. */
    public synchronized PrometheusConfig reload() throws ConfigException {
        try {
            PrometheusConfig cfg = ConfigLoader.load(settings.configFile());
            for (Listener l : listeners) {
                l.validate(cfg);
            }
            for (String w : cfg.warnings()) {
                LOG.warning(w);
            }
            for (Listener l : listeners) {
                l.apply(cfg);
            }
            current = cfg;
            lastReloadSuccessful = true;
            lastReloadSuccess = Instant.now();
            lastError = "";
            reloadSuccessful.set(1);
            reloadSuccessTime.set(lastReloadSuccess.toEpochMilli() / 1000.0);
            LOG.info("Completed loading of configuration file " + settings.configFile());
            return cfg;
        } catch (ConfigException e) {
            lastReloadSuccessful = false;
            lastError = e.getMessage();
            reloadSuccessful.set(0);
            throw e;
        }
    }

    /** The running configuration, or null if none was ever loaded. */
    public PrometheusConfig current() {
        return current;
    }

    public boolean lastReloadSuccessful() {
        return lastReloadSuccessful;
    }

    public Instant lastReloadSuccess() {
        return lastReloadSuccess;
    }

    public String lastError() {
        return lastError;
    }
}
