package dev.pharos.service;

import dev.pharos.config.ByteSizes;
import dev.pharos.config.PromDurations;
import dev.pharos.persistence.BlockCatalog;
import dev.pharos.remote.RemoteWriteTee;
import dev.pharos.tsdb.Storage;
import dev.pharos.tsdb.Tsdb;
import dev.pharos.tsdb.TsdbOptions;
import dev.pharos.tsdb.wal.WalReplayStatus;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Owns the TSDB that scraping, rules and queries share: opens it (replaying the WAL) under
 * {@code pharos.data.dir/tsdb}, syncs the WAL every second, runs maintenance (head cut,
 * compaction, retention) every minute, and closes it cleanly on shutdown. The server's
 * /-/ready waits for the open.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class StorageService {

    private static final Logger LOG = Logger.getLogger(StorageService.class.getName());

    @Inject
    Settings settings;

    @Resource(lookup = "concurrent/pharosScheduler")
    ManagedScheduledExecutorService scheduler;

    @Inject
    BlockCatalog catalog;

    private volatile Tsdb tsdb;
    /** The TSDB plus the remote_write queues (RemoteWriteService sets them). */
    private volatile RemoteWriteTee tee;
    private volatile boolean ready;
    private ScheduledFuture<?> syncTask;
    private ScheduledFuture<?> maintainTask;

    @PostConstruct
    void open() {
        var flags = settings.flags();
        Path dir = Path.of(flags.get("storage.tsdb.path"));
        TsdbOptions opts = new TsdbOptions()
                .retentionMillis(PromDurations.parse(flags.get("storage.tsdb.retention.time")).toMillis())
                .retentionBytes(ByteSizes.parse(flags.get("storage.tsdb.retention.size")))
                // Low-entropy chunks may grow past 120 samples (up to 4x) within 128 bytes:
                // this is what brings a node_exporter-like workload to <= 1.3 bytes/sample.
                .compactChunkBytes(128);
        long t0 = System.nanoTime();
        try {
            tsdb = Tsdb.open(dir, opts);
            tee = new RemoteWriteTee(tsdb);
        } catch (IOException e) {
            throw new UncheckedIOException("opening the TSDB in " + dir, e);
        }
        WalReplayStatus replay = tsdb.walReplayStatus();
        for (WalReplayStatus.Corruption c : replay.corruptions()) {
            LOG.warning("WAL corruption repaired in " + c.file() + " at offset " + c.offset() + ": " + c.reason()
                    + " (" + c.bytesDropped() + " bytes dropped)");
        }
        LOG.info("TSDB opened in " + dir + " in " + (System.nanoTime() - t0) / 1_000_000 + " ms (WAL replay: "
                + replay.samples() + " samples, " + replay.durationMillis() + " ms)");
        registerMetrics();
        syncCatalog();
        syncTask = scheduler.scheduleWithFixedDelay(this::sync, 1, 1, TimeUnit.SECONDS);
        maintainTask = scheduler.scheduleWithFixedDelay(this::maintain, 1, 1, TimeUnit.MINUTES);
        ready = true;
    }

    private void registerMetrics() {
        PrometheusRegistry r = PrometheusRegistry.defaultRegistry;
        GaugeWithCallback.builder().name("prometheus_tsdb_head_series_created_total")
                .help("Total number of series created in the head")
                .callback(cb -> cb.call(tsdb.stats().seriesCreated.sum())).register(r);
        GaugeWithCallback.builder().name("prometheus_tsdb_blocks_loaded")
                .help("Number of currently loaded data blocks")
                .callback(cb -> cb.call(tsdb.blocks().size())).register(r);
        GaugeWithCallback.builder().name("prometheus_tsdb_storage_blocks_bytes")
                .help("The number of bytes that are currently used for local storage by all blocks.")
                .callback(cb -> cb.call(tsdb.sizeOnDisk())).register(r);
        GaugeWithCallback.builder().name("prometheus_tsdb_head_samples_appended_total")
                .help("Total number of appended samples.")
                .callback(cb -> cb.call(tsdb.stats().samplesAppended.sum())).register(r);
        GaugeWithCallback.builder().name("prometheus_tsdb_out_of_order_samples_total")
                .help("Total number of out of order samples ingestion failed attempts.")
                .callback(cb -> cb.call(tsdb.stats().rejectedOutOfOrder.sum())).register(r);
        GaugeWithCallback.builder().name("prometheus_tsdb_compactions_total")
                .help("Total number of compactions that were executed for the partition.")
                .callback(cb -> cb.call(tsdb.stats().compactions.sum())).register(r);
    }

    private void sync() {
        try {
            tsdb.sync();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "WAL sync failed", e);
        }
    }

    private void maintain() {
        try {
            tsdb.maintain(System.currentTimeMillis());
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "TSDB maintenance failed", e);
        }
        syncCatalog();
    }

    /** The block directories are the truth; the JPA catalog follows them. Call after blocks change. */
    public void syncCatalog() {
        try {
            int changed = catalog.sync(tsdb.blocks());
            if (changed > 0) {
                LOG.info("Block catalog updated: " + changed + " entries changed");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "block catalog sync failed", e);
        }
    }

    public Storage storage() {
        return tee;
    }

    /** The storage's remote-write fan-out, for RemoteWriteService. */
    public RemoteWriteTee remoteWriteTee() {
        return tee;
    }

    /** The TSDB itself, for its admin and status operations. */
    public Tsdb tsdb() {
        return tsdb;
    }

    public boolean isReady() {
        return ready;
    }

    @PreDestroy
    void close() {
        ready = false;
        if (syncTask != null) {
            syncTask.cancel(false);
            maintainTask.cancel(false);
        }
        try {
            tsdb.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "closing the TSDB", e);
        }
    }
}
