package dev.pharos.scrape;

import dev.pharos.config.ScrapeConfig;
import dev.pharos.discovery.TargetDiscovery;
import dev.pharos.tsdb.Storage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * All scrape jobs: one {@link ScrapePool} and one {@link TargetDiscovery} per job. A new
 * configuration replaces only the jobs whose configuration changed, so unchanged jobs
 * keep their loops and scrape state across reloads; {@link #discover()} is called
 * periodically and feeds changed target groups to the pools.
 */
public final class ScrapeManager {

    private final Storage storage;
    private final ScheduledExecutorService scheduler;
    private final ScrapeMetrics metrics;
    private final LongSupplier clock;
    private final Function<ScrapeConfig, TargetDiscovery> discoveryFactory;
    private final Map<String, Job> jobs = new LinkedHashMap<>();

    private record Job(ScrapePool pool, TargetDiscovery discovery) {
    }

    public ScrapeManager(Storage storage, ScheduledExecutorService scheduler, ScrapeMetrics metrics, LongSupplier clock) {
        this(storage, scheduler, metrics, clock, TargetDiscovery::of);
    }

    public ScrapeManager(Storage storage, ScheduledExecutorService scheduler, ScrapeMetrics metrics, LongSupplier clock,
                         Function<ScrapeConfig, TargetDiscovery> discoveryFactory) {
        this.storage = storage;
        this.scheduler = scheduler;
        this.metrics = metrics;
        this.clock = clock;
        this.discoveryFactory = discoveryFactory;
    }

    /** Applies a new set of jobs; returns how many pools were (re)created. */
    public synchronized int apply(List<ScrapeConfig> configs) {
        Map<String, ScrapeConfig> wanted = new LinkedHashMap<>();
        for (ScrapeConfig c : configs) {
            wanted.put(c.jobName(), c);
        }
        int changed = 0;
        for (var it = jobs.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Job> e = it.next();
            ScrapeConfig now = wanted.get(e.getKey());
            if (now == null || !now.equals(e.getValue().pool().config())) {
                // Removed job: its series go stale. Changed job: replaced without markers, the
                // new loops take over the same series.
                e.getValue().pool().stop(now == null);
                it.remove();
            }
        }
        Map<String, Job> ordered = new LinkedHashMap<>();
        for (ScrapeConfig c : wanted.values()) {
            Job j = jobs.get(c.jobName());
            if (j == null) {
                j = new Job(new ScrapePool(c, storage, scheduler, metrics, clock), discoveryFactory.apply(c));
                changed++;
                metrics.scrapePoolReloads.inc();
            }
            ordered.put(c.jobName(), j);
        }
        jobs.clear();
        jobs.putAll(ordered);
        discover();
        return changed;
    }

    /** Polls every job's discovery and syncs the pools whose targets changed. */
    public synchronized void discover() {
        for (Job j : jobs.values()) {
            if (!j.discovery().poll().isEmpty()) {
                j.pool().sync(j.discovery().current());
            }
        }
    }

    /** The pools in configuration order. */
    public synchronized List<ScrapePool> pools() {
        List<ScrapePool> out = new ArrayList<>(jobs.size());
        jobs.values().forEach(j -> out.add(j.pool()));
        return out;
    }

    /** File discovery errors per job, for the service-discovery page. */
    public synchronized Map<String, Map<String, String>> discoveryErrors() {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        jobs.forEach((name, j) -> out.put(name, j.discovery().errors()));
        return out;
    }

    /** Stops all loops without stale markers (shutdown). */
    public synchronized void stop() {
        jobs.values().forEach(j -> j.pool().stop(false));
        jobs.clear();
    }
}
