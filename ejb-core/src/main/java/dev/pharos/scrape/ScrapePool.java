package dev.pharos.scrape;

import dev.pharos.config.ScrapeConfig;
import dev.pharos.discovery.TargetBuilder;
import dev.pharos.discovery.TargetGroup;
import dev.pharos.httpclient.HttpClients;
import dev.pharos.model.Labels;
import dev.pharos.tsdb.Storage;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The targets of one scrape job and their loops. {@link #sync} takes the job's current
 * target groups and starts, keeps or stops loops so that a target that stays keeps its
 * loop (and its series cache and staleness state); a target that goes away gets stale
 * markers one interval after its last scrape, as in Prometheus.
 */
public final class ScrapePool {

    private final ScrapeConfig config;
    private final Storage storage;
    private final ScheduledExecutorService scheduler;
    private final ScrapeMetrics metrics;
    private final LongSupplier clock;
    private final Map<String, HttpClient> clients = new HashMap<>();
    private final Map<Long, Running> running = new LinkedHashMap<>();
    private volatile List<Target> active = List.of();
    private volatile List<Labels> dropped = List.of();
    private volatile String targetLimitError;

    private record Running(Target target, ScrapeLoop loop, ScheduledFuture<?> future) {
    }

    public ScrapePool(ScrapeConfig config, Storage storage, ScheduledExecutorService scheduler,
                      ScrapeMetrics metrics, LongSupplier clock) {
        this.config = config;
        this.storage = storage;
        this.scheduler = scheduler;
        this.metrics = metrics;
        this.clock = clock;
    }

    public ScrapeConfig config() {
        return config;
    }

    public String job() {
        return config.jobName();
    }

    /** Replaces the pool's targets with those of the given groups (all current groups of the job). */
    public synchronized void sync(List<TargetGroup> groups) {
        Map<Long, Target> wanted = new LinkedHashMap<>();
        List<Labels> droppedNow = new ArrayList<>();
        for (TargetGroup g : groups) {
            for (TargetBuilder.Result r : TargetBuilder.fromGroup(config, g)) {
                if (r.target() == null) {
                    if (config.keepDroppedTargets() == 0 || droppedNow.size() < config.keepDroppedTargets()) {
                        droppedNow.add(r.discoveredLabels());
                    }
                    continue;
                }
                Target t = Target.of(r.target(), config);
                wanted.putIfAbsent(t.hash(), t);
            }
        }
        long limit = config.targetLimit();
        targetLimitError = limit > 0 && wanted.size() > limit
                ? "target_limit exceeded (number of targets: " + wanted.size() + ", limit: " + limit + ")"
                : null;

        long now = clock.getAsLong();
        // Stop loops whose target went away.
        for (var it = running.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, Running> e = it.next();
            Target w = wanted.get(e.getKey());
            if (w == null || !w.sameIdentity(e.getValue().target())) {
                stopWithStaleness(e.getValue(), now);
                it.remove();
            }
        }
        // Start loops for new targets.
        List<Target> act = new ArrayList<>(wanted.size());
        for (Target t : wanted.values()) {
            Running r = running.get(t.hash());
            if (r == null) {
                r = start(t, now);
                running.put(t.hash(), r);
            }
            act.add(r.target());
        }
        active = List.copyOf(act);
        dropped = List.copyOf(droppedNow);
        metrics.poolTargets.labelValues(job()).set(act.size());
        metrics.discoveredTargets.labelValues(job(), "scrape").set(act.size() + droppedNow.size());
    }

    private Running start(Target t, long now) {
        Fetcher fetcher = fetcherFor(t);
        ScrapeLoop loop = new ScrapeLoop(t, fetcher, storage, metrics, clock);
        long interval = t.interval().toMillis();
        ScheduledFuture<?> f = scheduler.scheduleAtFixedRate(loop, offset(t, interval, now), interval, TimeUnit.MILLISECONDS);
        return new Running(t, loop, f);
    }

    /**
     * The delay before a target's first scrape: targets are spread over the interval by a
     * stable hash, so each is scraped at the same phase after restarts and reloads, as
     * Prometheus does.
     */
    static long offset(Target t, long intervalMillis, long nowMillis) {
        long base = intervalMillis - Math.floorMod(nowMillis, intervalMillis);
        long off = Long.remainderUnsigned(t.hash(), intervalMillis);
        long next = base + off;
        if (next >= intervalMillis) {
            next -= intervalMillis;
        }
        return next;
    }

    private Fetcher fetcherFor(Target t) {
        String scheme = t.url().getScheme();
        HttpClient client;
        String clientError = null;
        synchronized (clients) {
            client = clients.get(scheme);
            if (client == null) {
                try {
                    client = HttpClients.build(config.httpClientConfig(), Duration.ofMillis(
                            Math.max(1000, t.timeout().toMillis())), scheme);
                    clients.put(scheme, client);
                } catch (IOException e) {
                    clientError = "error creating HTTP client: " + e.getMessage();
                }
            }
        }
        if (clientError != null) {
            String err = clientError;
            return target -> {
                throw new ScrapeException(err);
            };
        }
        HttpFetcher http = new HttpFetcher(client, config);
        return target -> {
            String limitErr = targetLimitError;
            if (limitErr != null) {
                throw new ScrapeException(limitErr);
            }
            return http.fetch(target);
        };
    }

    private void stopWithStaleness(Running r, long now) {
        r.future().cancel(false);
        long last = r.loop().lastStart();
        if (last == 0) {
            r.loop().stop(0);
            return;
        }
        // Prometheus writes the markers when the next scrape would have happened.
        long delay = Math.max(0, last + r.target().interval().toMillis() - now);
        scheduler.schedule(() -> r.loop().stop(clock.getAsLong()), delay, TimeUnit.MILLISECONDS);
    }

    /** Stops every loop; with {@code stale} each target's series get stale markers. */
    public synchronized void stop(boolean stale) {
        long now = clock.getAsLong();
        for (Running r : running.values()) {
            if (stale) {
                stopWithStaleness(r, now);
            } else {
                r.future().cancel(false);
                r.loop().stop(0);
            }
        }
        running.clear();
        active = List.of();
        metrics.poolTargets.labelValues(job()).set(0);
    }

    public List<Target> activeTargets() {
        return active;
    }

    /** Discovered labels of the targets relabeling dropped. */
    public List<Labels> droppedTargets() {
        return dropped;
    }
}
