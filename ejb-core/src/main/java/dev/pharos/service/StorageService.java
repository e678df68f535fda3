package dev.pharos.service;

import dev.pharos.config.ByteSizes;
import dev.pharos.config.PromDurations;
import dev.pharos.persistence.BlockCatalog;
import dev.pharos.remote.RemoteWriteTee;
import dev.pharos.tsdb.DeferredStorage;
import dev.pharos.tsdb.Storage;
import dev.pharos.tsdb.StorageNotReadyException;
import dev.pharos.tsdb.Tsdb;
import dev.pharos.tsdb.TsdbLockedException;
import dev.pharos.tsdb.TsdbOptions;
import dev.pharos.tsdb.wal.WalReplayProgress;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Owns the TSDB that scraping, rules and queries share: opens it (replaying the WAL) under
 * {@code pharos.data.dir/tsdb}, syncs the WAL every second, runs maintenance (head cut,
 * compaction, retention) every minute, and closes it cleanly on shutdown.
 *
 * <p>The open runs in the background, as in Prometheus: the three faces start at once, the
 * Pushgateway and Alertmanager work at once, /api/v1/status/walreplay shows the replay live,
 * and until the head is back /-/ready answers 503 and everything that reads or writes samples
 * fails with {@link StorageNotReadyException} (the API answers 503). Scraping and rule
 * evaluation start from {@link #whenReady(Runnable)}. A data directory locked by another
 * process is waited for (walreplay says "waiting") instead of failing the start.
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

    private final DeferredStorage deferred = new DeferredStorage();
    private final WalReplayProgress replayProgress = new WalReplayProgress();
    private final List<Runnable> onReady = new ArrayList<>();
    private volatile Tsdb tsdb;
    /** The TSDB plus the remote_write queues (RemoteWriteService sets them). */
    private final RemoteWriteTee tee = new RemoteWriteTee(deferred);
    private volatile boolean ready;
    private volatile boolean closing;
    private static final long LOCK_RETRY_MILLIS = 500;
    private Future<?> opening;
    private ScheduledFuture<?> syncTask;
    private ScheduledFuture<?> maintainTask;

    @PostConstruct
    void start() {
        opening = scheduler.submit(this::open);
    }

    private void open() {
        var flags = settings.flags();
        Path dir = Path.of(flags.get("storage.tsdb.path"));
        TsdbOptions opts = new TsdbOptions()
                .retentionMillis(PromDurations.parse(flags.get("storage.tsdb.retention.time")).toMillis())
                .retentionBytes(ByteSizes.parse(flags.get("storage.tsdb.retention.size")))
                // Low-entropy chunks may grow past 120 samples (up to 4x) within 128 bytes:
                // this is what brings a node_exporter-like workload to <= 1.3 bytes/sample.
                .compactChunkBytes(128);
        long t0 = System.nanoTime();
        Tsdb db = null;
        boolean toldWaiting = false;
        while (db == null) {
            try {
                db = Tsdb.open(dir, opts, replayProgress);
            } catch (TsdbLockedException e) {
                // Another process still holds the directory (an old instance shutting down, a
                // backup tool): wait for it rather than fail; walreplay says "waiting" meanwhile.
                if (!toldWaiting) {
                    LOG.warning(e.getMessage() + "; waiting for it to be released");
                    toldWaiting = true;
                }
                if (closing || !pause(LOCK_RETRY_MILLIS)) {
                    return;
                }
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.SEVERE, "opening the TSDB in " + dir + " failed: " + e.getMessage()
                        + "; the server stays not ready", e);
                return;
            }
        }
        WalReplayStatus replay = db.walReplayStatus();
        for (WalReplayStatus.Corruption c : replay.corruptions()) {
            LOG.warning("WAL corruption repaired in " + c.file() + " at offset " + c.offset() + ": " + c.reason()
                    + " (" + c.bytesDropped() + " bytes dropped)");
        }
        LOG.info("TSDB opened in " + dir + " in " + (System.nanoTime() - t0) / 1_000_000 + " ms (WAL replay: "
                + replay.samples() + " samples, " + replay.durationMillis() + " ms)");
        tsdb = db;
        deferred.open(db);
        registerMetrics();
        syncCatalog();
        syncTask = scheduler.scheduleWithFixedDelay(this::sync, 1, 1, TimeUnit.SECONDS);
        maintainTask = scheduler.scheduleWithFixedDelay(this::maintain, 1, 1, TimeUnit.MINUTES);
        // The waiting tasks run before ready turns true and under the lock, so that a task
        // arriving meanwhile (a reload's configuration) runs after them, never before.
        synchronized (onReady) {
            while (!onReady.isEmpty()) {
                List<Runnable> waiting = List.copyOf(onReady);
                onReady.clear();
                waiting.forEach(StorageService::runLogged);
            }
            ready = true;
        }
    }

    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Runs {@code task} once the TSDB is open: now if it is, else on the thread that opens it,
     * in the order the tasks came.
     */
    public void whenReady(Runnable task) {
        synchronized (onReady) {
            if (!ready) {
                onReady.add(task);
                return;
            }
        }
        runLogged(task);
    }

    private static void runLogged(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "start-up task after the TSDB opened failed", e);
        }
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
        Tsdb t = tsdb;
        if (t == null) {
            return; // still opening: the catalog is synced right after the open
        }
        try {
            int changed = catalog.sync(t.blocks());
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

    /** The TSDB itself, for its admin and status operations; throws StorageNotReadyException while it opens. */
    public Tsdb tsdb() {
        Tsdb t = tsdb;
        if (t == null) {
            throw new StorageNotReadyException();
        }
        return t;
    }

    /** The WAL replay as it goes, for /api/v1/status/walreplay (available before ready). */
    public WalReplayProgress walReplayProgress() {
        return replayProgress;
    }

    public boolean isReady() {
        return ready;
    }

    @PreDestroy
    void close() {
        closing = true;
        try {
            // A stop during the replay waits for it: the head must not be closed half-built.
            opening.get(10, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | java.util.concurrent.CancellationException e) {
            LOG.log(Level.WARNING, "the TSDB open did not finish before shutdown", e);
        }
        ready = false;
        if (syncTask != null) {
            syncTask.cancel(false);
            maintainTask.cancel(false);
        }
        if (tsdb == null) {
            return;
        }
        try {
            tsdb.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "closing the TSDB", e);
        }
    }
}
