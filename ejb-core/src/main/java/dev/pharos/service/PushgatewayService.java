package dev.pharos.service;

import dev.pharos.config.PromDurations;
import dev.pharos.exposition.MetricFamilyData;
import dev.pharos.model.Labels;
import dev.pharos.persistence.AuditLog;
import dev.pharos.persistence.PushGroupEntity;
import dev.pharos.persistence.PushGroupRepository;
import dev.pharos.pushgateway.GatewayMetrics;
import dev.pharos.pushgateway.GroupCodec;
import dev.pharos.pushgateway.MetricGroup;
import dev.pharos.pushgateway.PushException;
import dev.pharos.pushgateway.PushStore;
import dev.pharos.pushgateway.RateLimiter;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Pushgateway face's state: the groups in memory ({@link PushStore}) backed by JPA. A
 * push is checked and applied in memory under the store's lock, then queued for the
 * {@link PushGroupWriter}, which stores many groups per transaction (group commit); the push
 * is acknowledged only once its batch committed. A failed batch fails its pushes (500) and
 * reloads its groups from the database. At start every stored group is loaded back. Groups not pushed to within
 * their expiry are removed every few seconds and counted.
 *
 * <p>Settings: {@code pharos.push.expiry} (a duration, default 0 = never),
 * {@code pharos.push.max-body-bytes} (default 16 MiB), {@code pharos.push.rate-limit}
 * (pushes per second per client, default 0 = unlimited).
 */
@Singleton
@Startup
@LocalBean
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class PushgatewayService {

    public static final String EXPIRY = "pharos.push.expiry";
    public static final String MAX_BODY_BYTES = "pharos.push.max-body-bytes";
    public static final String RATE_LIMIT = "pharos.push.rate-limit";

    private static final Logger LOG = Logger.getLogger(PushgatewayService.class.getName());

    @EJB
    PushGroupRepository repository;

    @EJB
    AuditLog audit;

    @Inject
    Settings settings;

    /** How long a push waits for its batch to commit before it is answered with 500. */
    static final long STORE_TIMEOUT_SECONDS = 60;

    private PushGroupWriter writer;

    private final PushStore store = GatewayMetrics.reserveIn(new PushStore());
    private final GatewayMetrics metrics = new GatewayMetrics(BuildInfo.VERSION);
    private RateLimiter rateLimiter;
    private long defaultExpiryMs;
    private long maxBodyBytes;
    private final Instant started = Instant.now();

    @PostConstruct
    void start() {
        defaultExpiryMs = durationMs(settings.get(EXPIRY, "0"));
        maxBodyBytes = Long.parseLong(settings.get(MAX_BODY_BYTES, Long.toString(16L << 20)).trim());
        rateLimiter = new RateLimiter(Double.parseDouble(settings.get(RATE_LIMIT, "0").trim()));
        writer = new PushGroupWriter(batch -> {
            repository.apply(batch);
            repository.writeThrough();
        }, this::reload);
        try {
            repository.useInlineBinaryColumn();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Pushgateway: families column left as it is", e);
        }
        int n = 0;
        for (PushGroupEntity e : repository.all()) {
            try {
                Labels key = GroupCodec.parseKeyText(e.groupKey());
                store.restore(GroupCodec.decode(key, e.families(), e.pushTimeMs(), e.failureTimeMs(), e.expiryMs()));
                n++;
            } catch (Exception ex) {
                LOG.log(Level.WARNING, "skipping unreadable stored push group " + e.groupKey(), ex);
            }
        }
        LOG.info("Pushgateway: loaded " + n + " stored groups");
    }

    /** A duration such as {@code 10m}; 0, empty or {@code off} mean none. */
    public static long durationMs(String s) {
        String t = s == null ? "" : s.trim();
        if (t.isEmpty() || t.equals("0") || t.equalsIgnoreCase("off")) {
            return 0;
        }
        return PromDurations.parse(t).toMillis();
    }

    /**
     * A persister that only queues the change for the group-commit writer (cheap, under the
     * store's lock) and collects the futures of what it queued, to be awaited outside the lock.
     */
    private final class Queueing implements PushStore.Persister {
        final List<CompletableFuture<Void>> stored = new ArrayList<>(1);
        final List<Labels> keys = new ArrayList<>(1);
        final List<MetricGroup> groups = new ArrayList<>(1);

        @Override
        public void store(Labels key, MetricGroup group) {
            stored.add(writer.submit(key, group));
            keys.add(key);
            groups.add(group);
        }

        private boolean prepared;

        /** Encodes what was queued for storage, on the pushing thread and outside the store's lock. */
        void prepare() {
            if (!prepared) {
                prepared = true;
                for (int i = 0; i < keys.size(); i++) {
                    writer.prepare(keys.get(i), groups.get(i));
                }
            }
        }

        /** Waits until everything queued is committed: the acknowledgement. */
        void await() throws PushException {
            prepare();
            try {
                CompletableFuture<Void> all = stored.size() == 1 ? stored.get(0)
                        : CompletableFuture.allOf(stored.toArray(CompletableFuture[]::new));
                writer.await(all, System.nanoTime() + TimeUnit.SECONDS.toNanos(STORE_TIMEOUT_SECONDS));
                all.get(0, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                throw new PushException(500, "storing the group did not finish within " + STORE_TIMEOUT_SECONDS + " s");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PushException(500, "interrupted while storing the group");
            } catch (ExecutionException e) {
                throw new PushException(500, "storing the group failed: " + e.getCause());
            }
        }
    }

    /** PUT ({@code replace}) or POST; {@code expiryMs} 0 keeps the group's or the server's. */
    public MetricGroup push(Labels key, List<MetricFamilyData> families, boolean replace, long expiryMs)
            throws PushException {
        Queueing q = new Queueing();
        MetricGroup g;
        writer.arrive();
        try {
            g = store.push(key, families, replace, System.currentTimeMillis(), expiryMs, q);
        } catch (PushException refused) {
            q.prepare();
            writer.depart();
            // A refused push may still have queued its group's failure time: write it now
            // rather than leave it for the next push; its outcome does not change the answer.
            try {
                q.await();
            } catch (PushException ignored) {
                // the refusal is the answer
            }
            throw refused;
        } catch (RuntimeException e) {
            writer.depart();
            throw e;
        }
        q.prepare();
        writer.depart();
        q.await();
        return g;
    }

    public boolean delete(Labels key, String user, String remote) throws PushException {
        Queueing q = new Queueing();
        boolean removed = store.delete(key, q);
        q.await();
        audit.record(user, "pushgateway.delete", key.toString(), remote, true, removed ? "deleted" : "no such group");
        return removed;
    }

    public int wipe(String user, String remote) throws PushException {
        Queueing q = new Queueing();
        int n = store.wipe(q);
        q.await();
        audit.record(user, "pushgateway.wipe", "all groups", remote, true, n + " groups deleted");
        return n;
    }

    /**
     * After a failed batch: memory took the changes before they were stored, so the groups of
     * the batch are reloaded from the database, except those a later change is already queued
     * for (that change will be written, or reload them when it fails in turn).
     */
    private void reload(List<Labels> keys) {
        synchronized (store) {
            for (Labels key : keys) {
                if (writer.queued(key)) {
                    continue;
                }
                try {
                    PushGroupEntity e = repository.find(GroupCodec.id(key));
                    if (e == null) {
                        store.delete(key, PushStore.Persister.NONE);
                    } else {
                        store.restore(GroupCodec.decode(key, e.families(), e.pushTimeMs(), e.failureTimeMs(),
                                e.expiryMs()));
                    }
                } catch (Exception ex) {
                    LOG.log(Level.SEVERE, "could not reload push group " + key + " from the database", ex);
                }
            }
        }
    }

    @Schedule(second = "*/5", minute = "*", hour = "*", persistent = false)
    void expire() {
        try {
            Queueing q = new Queueing();
            List<Labels> gone = store.expire(System.currentTimeMillis(), defaultExpiryMs, q);
            q.await();
            if (!gone.isEmpty()) {
                metrics.expired(gone.size());
                LOG.info("Pushgateway: expired " + gone.size() + " groups");
            }
            rateLimiter.evictIdle(System.nanoTime());
        } catch (PushException e) {
            LOG.log(Level.WARNING, "Pushgateway expiry failed", e);
        }
    }

    /** Everything {@code GET /metrics} exposes: the groups and the gateway's own metrics. */
    public List<MetricFamilyData> gather() {
        return store.gather(metrics.families(store.size()));
    }

    public Collection<MetricGroup> groups() {
        return store.groups();
    }

    public GatewayMetrics metrics() {
        return metrics;
    }

    public RateLimiter rateLimiter() {
        return rateLimiter;
    }

    public long maxBodyBytes() {
        return maxBodyBytes;
    }

    public Instant started() {
        return started;
    }

    /** The flags of {@code /api/v1/status}, named as the original's where they mean the same. */
    public Map<String, String> flags() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("persistence.file", "");
        f.put("pharos.db", settings.db());
        f.put("push.disable-consistency-check", "false");
        f.put("push.enable-utf8-names", "false");
        f.put("web.enable-admin-api", "true");
        f.put("web.enable-lifecycle", "false");
        f.put("web.listen-address", ":" + settings.pushPort());
        f.put("web.telemetry-path", "/metrics");
        f.put(EXPIRY, defaultExpiryMs == 0 ? "0" : (defaultExpiryMs / 1000) + "s");
        f.put(MAX_BODY_BYTES, Long.toString(maxBodyBytes));
        f.put(RATE_LIMIT, settings.get(RATE_LIMIT, "0"));
        return f;
    }

    public Map<String, String> buildInformation() {
        Map<String, String> b = new LinkedHashMap<>();
        b.put("branch", BuildInfo.BRANCH);
        b.put("buildDate", BuildInfo.BUILD_DATE);
        b.put("buildUser", BuildInfo.BUILD_USER);
        b.put("goVersion", "java" + BuildInfo.JAVA_VERSION);
        b.put("revision", BuildInfo.REVISION);
        b.put("version", BuildInfo.VERSION);
        return b;
    }
}
