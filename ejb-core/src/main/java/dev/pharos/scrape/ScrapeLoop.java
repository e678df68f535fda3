package dev.pharos.scrape;

import dev.pharos.config.ScrapeConfig;
import dev.pharos.exposition.ExpositionFormat;
import dev.pharos.exposition.ExpositionParseException;
import dev.pharos.exposition.ExpositionParser;
import dev.pharos.exposition.ExpositionParsers;
import dev.pharos.model.Labels;
import dev.pharos.model.MetricType;
import dev.pharos.model.StaleNaN;
import dev.pharos.relabel.Relabeler;
import dev.pharos.tsdb.AppendRejectedException;
import dev.pharos.tsdb.Appender;
import dev.pharos.tsdb.Storage;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Scrapes one target once per run: fetch, parse, attach target labels, metric relabeling,
 * limits, append, staleness markers, and the synthetic series ({@code up},
 * {@code scrape_duration_seconds}, ...), with the semantics of Prometheus's scrape loop.
 *
 * <p>A failed scrape (HTTP error, timeout, malformed body, a limit) stores none of its
 * samples, marks every series of the previous scrape stale, and reports {@code up 0}.
 */
public final class ScrapeLoop implements Runnable {

    private static final Logger LOG = Logger.getLogger(ScrapeLoop.class.getName());
    private static final String[] REPORT_NAMES = {
        "up", "scrape_duration_seconds", "scrape_samples_scraped",
        "scrape_samples_post_metric_relabeling", "scrape_series_added"};

    private final Target target;
    private final ScrapeConfig config;
    private final Fetcher fetcher;
    private final Storage storage;
    private final ScrapeMetrics metrics;
    private final LongSupplier clock;
    private final SeriesCache cache = new SeriesCache();
    private final Labels[] reportLabels = new Labels[REPORT_NAMES.length];
    private final long[] reportRefs = new long[REPORT_NAMES.length];
    private final String intervalLabel;

    private long iteration;
    private long lastStart;
    private boolean reported;
    private boolean stopped;

    public ScrapeLoop(Target target, Fetcher fetcher, Storage storage, ScrapeMetrics metrics, LongSupplier clock) {
        this.target = target;
        this.config = target.config();
        this.fetcher = fetcher;
        this.storage = storage;
        this.metrics = metrics;
        this.clock = clock;
        for (int i = 0; i < REPORT_NAMES.length; i++) {
            reportLabels[i] = target.labels().toBuilder().set(Labels.METRIC_NAME, REPORT_NAMES[i]).build();
        }
        this.intervalLabel = target.interval().getSeconds() + "s";
    }

    public Target target() {
        return target;
    }

    @Override
    public void run() {
        try {
            scrapeAndReport(clock.getAsLong());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: log and keep the loop alive.
            LOG.log(Level.WARNING, "scrape of " + target + " failed unexpectedly", e);
        }
    }

    /** One scrape whose samples are stamped with {@code start} (ms). */
    public synchronized void scrapeAndReport(long start) throws InterruptedException {
        if (stopped) {
            return;
        }
        if (lastStart > 0) {
            metrics.intervalLength.labelValues(intervalLabel).observe((start - lastStart) / 1000.0);
        }
        lastStart = start;
        long t0 = System.nanoTime();
        String error = null;
        Fetcher.Body body = null;
        try {
            body = fetcher.fetch(target);
        } catch (ScrapeException e) {
            error = e.getMessage();
            if ("body size limit exceeded".equals(error)) {
                metrics.exceededBodySizeLimit.inc();
            }
        }
        double duration = (System.nanoTime() - t0) / 1e9;
        iteration++;
        Counts counts = new Counts();
        if (body != null) {
            error = append(body, start, counts);
        }
        if (error != null) {
            undoMarks();
            staleAll(iteration - 1, start, false);
        }
        cache.evictOlderThan(iteration - 1);
        report(start, duration, counts, error);
        target.report(start, duration, error);
    }

    /** Counts of one scrape for the synthetic series. */
    private static final class Counts {
        int total;
        int added;
        int seriesAdded;
    }

    /** Appends the samples of a body; returns the error that fails the scrape, or null. */
    private String append(Fetcher.Body body, long start, Counts c) {
        Appender app = storage.appender();
        Map<String, MetricMetadata> meta = new HashMap<>();
        try {
            ExpositionFormat fallback = config.fallbackScrapeProtocol() == null
                    ? null : ExpositionFormat.byProtocolName(config.fallbackScrapeProtocol());
            ExpositionParser p = ExpositionParsers.forContentType(body.contentType(), fallback, body.bytes());
            long sampleLimit = config.sampleLimit();
            ExpositionParser.Entry entry;
            while ((entry = p.next()) != ExpositionParser.Entry.EOF) {
                switch (entry) {
                    case TYPE -> meta.compute(p.metricFamily(), (k, m) -> m == null
                            ? new MetricMetadata(k, p.type(), "", "") : new MetricMetadata(k, p.type(), m.help(), m.unit()));
                    case HELP -> meta.compute(p.metricFamily(), (k, m) -> m == null
                            ? new MetricMetadata(k, MetricType.UNKNOWN, p.help(), "") : new MetricMetadata(k, m.type(), p.help(), m.unit()));
                    case UNIT -> meta.compute(p.metricFamily(), (k, m) -> m == null
                            ? new MetricMetadata(k, MetricType.UNKNOWN, "", p.unit()) : new MetricMetadata(k, m.type(), m.help(), p.unit()));
                    case SERIES -> {
                        c.total++;
                        String err = appendSample(p, app, start, c);
                        if (err != null) {
                            app.rollback();
                            return err;
                        }
                        if (sampleLimit > 0 && c.added > sampleLimit) {
                            app.rollback();
                            metrics.exceededSampleLimit.inc();
                            return "sample limit exceeded";
                        }
                    }
                    default -> {
                    }
                }
            }
            staleAll(iteration - 1, start, true, app);
            app.commit();
            target.metadata(meta);
            return null;
        } catch (ExpositionParseException e) {
            app.rollback();
            return e.getMessage();
        } catch (RuntimeException e) {
            app.rollback();
            throw e;
        }
    }

    private String appendSample(ExpositionParser p, Appender app, long start, Counts c) throws ExpositionParseException {
        SeriesCache.Entry e = cache.get(p);
        boolean fresh = false;
        if (e == null) {
            Labels labels = sampleLabels(p.labels());
            if (labels != null) {
                String limitErr = checkLabelLimits(labels);
                if (limitErr != null) {
                    return limitErr;
                }
            }
            e = cache.put(p.seriesKey(), p.seriesHash(), labels);
            fresh = true;
        }
        if (e.labels == null) {
            mark(e);
            return null;
        }
        c.added++;
        boolean explicit = config.honorTimestamps() && p.hasTimestamp();
        long t = explicit ? p.timestampMillis() : start;
        if (e.lastSeen == iteration && e.lastTimestamp == t) {
            metrics.duplicate.inc();
            return null;
        }
        e.explicitTimestamp = explicit && !config.trackTimestampsStaleness();
        try {
            e.ref = app.append(e.ref, e.labels, t, p.value());
            if (fresh) {
                c.seriesAdded++;
            }
        } catch (AppendRejectedException ex) {
            switch (ex.reason()) {
                case OUT_OF_ORDER -> metrics.outOfOrder.inc();
                case DUPLICATE -> metrics.duplicate.inc();
                default -> metrics.outOfBounds.inc();
            }
        }
        mark(e);
        e.lastTimestamp = t;
        return null;
    }

    private void mark(SeriesCache.Entry e) {
        if (e.lastSeen != iteration) {
            e.prevSeen = e.lastSeen;
            e.lastSeen = iteration;
        }
    }

    /** A failed scrape stored nothing: forget that its series were seen. */
    private void undoMarks() {
        cache.forEach(e -> {
            if (e.lastSeen == iteration) {
                e.lastSeen = e.prevSeen;
            }
        });
    }

    /**
     * Target labels on a scraped sample, as Prometheus's mutateSampleLabels: with honor_labels
     * the sample's own labels win; otherwise the target's win and clashing sample labels are
     * kept as {@code exported_<name>}. Then metric_relabel_configs; null when dropped.
     */
    Labels sampleLabels(Labels scraped) {
        Labels.Builder lb = scraped.toBuilder();
        Labels tl = target.labels();
        if (config.honorLabels()) {
            for (int i = 0; i < tl.size(); i++) {
                String v = lb.get(tl.name(i));
                if (v == null || v.isEmpty()) {
                    lb.set(tl.name(i), tl.value(i));
                }
            }
        } else {
            for (int i = 0; i < tl.size(); i++) {
                String name = tl.name(i);
                String existing = scraped.get(name);
                if (existing != null && !existing.isEmpty()) {
                    String exported = "exported_" + name;
                    while (scraped.has(exported) || tl.has(exported) || lb.get(exported) != null) {
                        exported = "exported_" + exported;
                    }
                    lb.set(exported, existing);
                }
                lb.set(name, tl.value(i));
            }
        }
        if (!Relabeler.processBuilder(lb, config.metricRelabelConfigs())) {
            return null;
        }
        return lb.build();
    }

    private String checkLabelLimits(Labels l) {
        long max = config.labelLimit();
        if (max > 0 && l.size() > max) {
            return "label_limit exceeded (metric: " + cut(l.metricName()) + ", number of labels: " + l.size()
                    + ", limit: " + max + ")";
        }
        long nameMax = config.labelNameLengthLimit();
        long valueMax = config.labelValueLengthLimit();
        if (nameMax <= 0 && valueMax <= 0) {
            return null;
        }
        for (int i = 0; i < l.size(); i++) {
            String n = l.name(i);
            String v = l.value(i);
            if (nameMax > 0 && n.length() > nameMax) {
                return "label_name_length_limit exceeded (metric: " + cut(l.metricName()) + ", label name: " + cut(n)
                        + ", length: " + n.length() + ", limit: " + nameMax + ")";
            }
            if (valueMax > 0 && v.length() > valueMax) {
                return "label_value_length_limit exceeded (metric: " + cut(l.metricName()) + ", label name: " + cut(n)
                        + ", value: \"" + cut(v) + "\", length: " + v.length() + ", limit: " + valueMax + ")";
            }
        }
        return null;
    }

    private static String cut(String s) {
        return s == null ? "" : s.length() <= 50 ? s : s.substring(0, 50);
    }

    private void staleAll(long seenIn, long t, boolean onlyUnseenNow) {
        Appender app = storage.appender();
        staleAll(seenIn, t, onlyUnseenNow, app);
        app.commit();
    }

    /** Stale markers for series seen in scrape {@code seenIn} and (if asked) not in this one. */
    private void staleAll(long seenIn, long t, boolean onlyUnseenNow, Appender app) {
        cache.forEach(e -> {
            if (e.labels == null || e.lastSeen != seenIn || e.explicitTimestamp) {
                return;
            }
            if (onlyUnseenNow && e.lastSeen == iteration) {
                return;
            }
            try {
                e.ref = app.append(e.ref, e.labels, t, StaleNaN.VALUE);
            } catch (AppendRejectedException ex) {
                // A newer sample exists already: no marker needed.
            }
        });
    }

    private void report(long t, double duration, Counts c, String error) {
        Appender app = storage.appender();
        double[] values = {error == null ? 1 : 0, duration, c.total, c.added, c.seriesAdded};
        for (int i = 0; i < values.length; i++) {
            try {
                reportRefs[i] = app.append(reportRefs[i], reportLabels[i], t, values[i]);
            } catch (AppendRejectedException e) {
                // Clock went backwards: skip this report.
            }
        }
        app.commit();
        reported = true;
    }

    /**
     * Stops the loop. With {@code staleAt} &gt; 0 every series of the last scrape and the
     * synthetic series get stale markers at that time, as Prometheus does when a target
     * disappears.
     */
    public synchronized void stop(long staleAt) {
        if (stopped) {
            return;
        }
        stopped = true;
        if (staleAt <= 0 || !reported) {
            return;
        }
        Appender app = storage.appender();
        staleAll(iteration, staleAt, false, app);
        for (int i = 0; i < reportLabels.length; i++) {
            try {
                reportRefs[i] = app.append(reportRefs[i], reportLabels[i], staleAt, StaleNaN.VALUE);
            } catch (AppendRejectedException e) {
                // newer sample exists
            }
        }
        app.commit();
        cache.clear();
    }

    /** The start time (ms) of the last scrape, 0 before the first. */
    public synchronized long lastStart() {
        return lastStart;
    }
}
