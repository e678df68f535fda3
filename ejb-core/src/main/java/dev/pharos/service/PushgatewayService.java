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
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Pushgateway face's state: the groups in memory ({@link PushStore}) backed by JPA. A
 * push is checked, then stored in a transaction of its own, and only then takes effect and
 * is acknowledged; at start every stored group is loaded back. Groups not pushed to within
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

    private final PushStore.Persister persister = (key, g) -> {
        String id = GroupCodec.id(key);
        if (g == null) {
            repository.delete(id);
        } else {
            repository.save(id, GroupCodec.keyText(key), GroupCodec.encodeFamilies(g), g.pushTimeMs(),
                    g.failureTimeMs(), g.expiryMs());
        }
    };

    /** PUT ({@code replace}) or POST; {@code expiryMs} 0 keeps the group's or the server's. */
    public MetricGroup push(Labels key, List<MetricFamilyData> families, boolean replace, long expiryMs)
            throws PushException {
        return store.push(key, families, replace, System.currentTimeMillis(), expiryMs, persister);
    }

    public boolean delete(Labels key, String user, String remote) throws PushException {
        boolean removed = store.delete(key, persister);
        audit.record(user, "pushgateway.delete", key.toString(), remote, true, removed ? "deleted" : "no such group");
        return removed;
    }

    public int wipe(String user, String remote) throws PushException {
        int n = store.wipe(persister);
        audit.record(user, "pushgateway.wipe", "all groups", remote, true, n + " groups deleted");
        return n;
    }

    @Schedule(second = "*/5", minute = "*", hour = "*", persistent = false)
    void expire() {
        try {
            List<Labels> gone = store.expire(System.currentTimeMillis(), defaultExpiryMs, persister);
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
