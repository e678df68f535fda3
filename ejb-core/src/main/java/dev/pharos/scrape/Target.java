package dev.pharos.scrape;

import dev.pharos.config.ScrapeConfig;
import dev.pharos.model.Labels;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * One active target of a scrape pool: its identity (final labels and URL) and the state of its last
 * scrape as the targets API shows it. Identity is fixed; state is written by the target's
 * scrape loop and read by API threads.
 */
public final class Target {

    private final Labels labels;
    private final Labels discoveredLabels;
    private final URI url;
    private final ScrapeConfig config;
    private final Duration interval;
    private final Duration timeout;
    private final long hash;

    private volatile TargetHealth health = TargetHealth.UNKNOWN;
    private volatile String lastError = "";
    private volatile long lastScrapeMillis;
    private volatile double lastScrapeDurationSeconds;
    private volatile Map<String, MetricMetadata> metadata = Map.of();

    public Target(Labels labels, Labels discoveredLabels, URI url, ScrapeConfig config,
                  Duration interval, Duration timeout) {
        this.labels = labels;
        this.discoveredLabels = discoveredLabels;
        this.url = url;
        this.config = config;
        this.interval = interval;
        this.timeout = timeout;
        long h = labels.stableHash();
        String u = url.toString();
        for (int i = 0; i < u.length(); i++) {
            h = (h ^ u.charAt(i)) * 0x100000001b3L;
        }
        this.hash = h;
    }

    /** The target's labels after relabeling, without {@code __} labels: job, instance, ... */
    public Labels labels() {
        return labels;
    }

    /** The labels as discovered, before relabeling (with {@code __meta_*} and {@code __address__}). */
    public Labels discoveredLabels() {
        return discoveredLabels;
    }

    public URI url() {
        return url;
    }

    public ScrapeConfig config() {
        return config;
    }

    public String job() {
        return config.jobName();
    }

    public Duration interval() {
        return interval;
    }

    public Duration timeout() {
        return timeout;
    }

    /** Identity hash of labels and URL: equal targets keep their loop across updates. */
    public long hash() {
        return hash;
    }

    public TargetHealth health() {
        return health;
    }

    public String lastError() {
        return lastError;
    }

    public long lastScrapeMillis() {
        return lastScrapeMillis;
    }

    public double lastScrapeDurationSeconds() {
        return lastScrapeDurationSeconds;
    }

    public Map<String, MetricMetadata> metadata() {
        return metadata;
    }

    void report(long scrapeMillis, double durationSeconds, String error) {
        lastScrapeMillis = scrapeMillis;
        lastScrapeDurationSeconds = durationSeconds;
        lastError = error == null ? "" : error;
        health = error == null ? TargetHealth.UP : TargetHealth.DOWN;
    }

    void metadata(Map<String, MetricMetadata> m) {
        metadata = m;
    }

    /** A target from a discovered spec (see {@link dev.pharos.discovery.TargetBuilder}). */
    public static Target of(dev.pharos.discovery.ScrapeTarget spec, ScrapeConfig config) {
        return new Target(spec.publicLabels(), spec.discoveredLabels(), URI.create(spec.url()), config,
                spec.interval(), spec.timeout());
    }

    /** Same labels and URL: the same target. */
    public boolean sameIdentity(Target o) {
        return hash == o.hash && labels.equals(o.labels) && url.equals(o.url);
    }

    @Override
    public String toString() {
        return job() + " " + url;
    }
}
