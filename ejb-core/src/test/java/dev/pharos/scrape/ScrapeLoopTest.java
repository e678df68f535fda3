package dev.pharos.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.config.ConfigLoader;
import dev.pharos.config.ScrapeConfig;
import dev.pharos.model.LabelMatcher;
import dev.pharos.model.Labels;
import dev.pharos.model.StaleNaN;
import dev.pharos.tsdb.MemoryStorage;
import dev.pharos.tsdb.Querier;
import dev.pharos.tsdb.SampleIterator;
import dev.pharos.tsdb.Series;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScrapeLoopTest {

    private final MemoryStorage storage = new MemoryStorage();
    private String body = "";
    private String contentType = "text/plain; version=0.0.4";
    private ScrapeException failure;

    private ScrapeLoop loop(String jobYaml) throws Exception {
        ScrapeConfig cfg = ConfigLoader.loadFromString("scrape_configs:\n" + jobYaml, "test.yml").scrapeConfigs().get(0);
        Target target = new Target(Labels.of("job", cfg.jobName(), "instance", "host:9100"),
                Labels.of("__address__", "host:9100"), URI.create("http://host:9100/metrics"), cfg,
                cfg.scrapeInterval(), cfg.scrapeTimeout());
        Fetcher fetcher = t -> {
            if (failure != null) {
                throw failure;
            }
            return new Fetcher.Body(body.getBytes(StandardCharsets.UTF_8), contentType);
        };
        return new ScrapeLoop(target, fetcher, storage, ScrapeMetrics.unregistered(), () -> 0L);
    }

    /** All samples of the series named {@code name} (one series expected), as [t, v] pairs. */
    private List<double[]> samples(String name, String... labels) {
        List<LabelMatcher> ms = new ArrayList<>();
        ms.add(LabelMatcher.equal("__name__", name));
        for (int i = 0; i < labels.length; i += 2) {
            ms.add(LabelMatcher.equal(labels[i], labels[i + 1]));
        }
        try (Querier q = storage.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
            List<Series> ss = q.select(ms.toArray(new LabelMatcher[0]));
            List<double[]> out = new ArrayList<>();
            for (Series s : ss) {
                SampleIterator it = s.iterator();
                while (it.next()) {
                    out.add(new double[] {it.timestamp(), it.value()});
                }
            }
            return out;
        }
    }

    private static final String JOB = "  - job_name: node\n    static_configs: [{targets: ['host:9100']}]\n";

    @Test
    void storesSamplesWithTargetLabelsAndReportsSyntheticSeries() throws Exception {
        ScrapeLoop l = loop(JOB);
        body = "# TYPE a counter\n# HELP a Help text.\na_total 1\nb{x=\"y\"} 2.5\n";
        l.scrapeAndReport(1000);
        assertEquals(1.0, samples("a_total", "job", "node", "instance", "host:9100").get(0)[1]);
        assertEquals(2.5, samples("b", "x", "y").get(0)[1]);
        assertEquals(1.0, samples("up", "job", "node").get(0)[1]);
        assertEquals(2.0, samples("scrape_samples_scraped").get(0)[1]);
        assertEquals(2.0, samples("scrape_samples_post_metric_relabeling").get(0)[1]);
        assertEquals(2.0, samples("scrape_series_added").get(0)[1]);
        assertEquals(TargetHealth.UP, l.target().health());
        assertEquals("Help text.", l.target().metadata().get("a").help());

        l.scrapeAndReport(2000);
        assertEquals(0.0, samples("scrape_series_added").get(1)[1], "nothing new in the second scrape");
    }

    @Test
    void vanishedSeriesGetAStaleMarkerAtTheNextScrape() throws Exception {
        ScrapeLoop l = loop(JOB);
        body = "a 1\nb 2\n";
        l.scrapeAndReport(1000);
        body = "a 1\n";
        l.scrapeAndReport(2000);
        List<double[]> b = samples("b");
        assertEquals(2, b.size());
        assertEquals(2000, (long) b.get(1)[0]);
        assertTrue(StaleNaN.is(b.get(1)[1]));
        body = "a 1\n";
        l.scrapeAndReport(3000);
        assertEquals(2, samples("b").size(), "only one stale marker");
    }

    @Test
    void failedScrapeStoresNothingAndMarksEverythingStale() throws Exception {
        ScrapeLoop l = loop(JOB);
        body = "a 1\nb 2\n";
        l.scrapeAndReport(1000);
        body = "a 5\nb 6\nthis is { not valid\n";
        l.scrapeAndReport(2000);
        assertEquals(TargetHealth.DOWN, l.target().health());
        assertTrue(l.target().lastError().contains("3"), "error names the line: " + l.target().lastError());
        List<double[]> a = samples("a");
        assertEquals(2, a.size());
        assertTrue(StaleNaN.is(a.get(1)[1]), "the partial body was rolled back and a is stale");
        assertEquals(0.0, samples("up").get(1)[1]);

        body = "a 7\n";
        l.scrapeAndReport(3000);
        assertEquals(7.0, samples("a").get(2)[1]);
        assertEquals(2, samples("b").size(), "b is not marked stale twice");
    }

    @Test
    void httpFailureReportsDownWithTheError() throws Exception {
        ScrapeLoop l = loop(JOB);
        failure = new ScrapeException("server returned HTTP status 500 Internal Server Error");
        l.scrapeAndReport(1000);
        assertEquals(0.0, samples("up").get(0)[1]);
        assertEquals("server returned HTTP status 500 Internal Server Error", l.target().lastError());
    }

    @Test
    void conflictingLabelsAreExportedUnlessHonored() throws Exception {
        ScrapeLoop l = loop(JOB);
        body = "a{job=\"pushed\",exported_job=\"x\"} 1\n";
        l.scrapeAndReport(1000);
        List<double[]> s = samples("a", "job", "node", "exported_exported_job", "pushed", "exported_job", "x");
        assertEquals(1, s.size());

        MemoryStorage other = new MemoryStorage();
        ScrapeLoop honoring = loop(JOB + "    honor_labels: true\n");
        assertEquals(Labels.of("__name__", "a", "job", "pushed", "instance", "host:9100"),
                honoring.sampleLabels(Labels.of("__name__", "a", "job", "pushed")));
        assertEquals(0, other.seriesCount());
    }

    @Test
    void metricRelabelingDropsAndCounts() throws Exception {
        ScrapeLoop l = loop(JOB + "    metric_relabel_configs:\n      - source_labels: [__name__]\n        regex: drop_.*\n        action: drop\n");
        body = "keep_me 1\ndrop_me 2\n";
        l.scrapeAndReport(1000);
        assertTrue(samples("drop_me").isEmpty());
        assertEquals(2.0, samples("scrape_samples_scraped").get(0)[1]);
        assertEquals(1.0, samples("scrape_samples_post_metric_relabeling").get(0)[1]);
    }

    @Test
    void sampleLimitFailsTheWholeScrape() throws Exception {
        ScrapeLoop l = loop(JOB + "    sample_limit: 2\n");
        body = "a 1\nb 2\nc 3\n";
        l.scrapeAndReport(1000);
        assertEquals("sample limit exceeded", l.target().lastError());
        assertTrue(samples("a").isEmpty());
        assertEquals(0.0, samples("up").get(0)[1]);
    }

    @Test
    void labelLimitsFailTheScrape() throws Exception {
        ScrapeLoop l = loop(JOB + "    label_value_length_limit: 3\n");
        body = "a{x=\"long value\"} 1\n";
        l.scrapeAndReport(1000);
        assertTrue(l.target().lastError().startsWith("label_value_length_limit exceeded"), l.target().lastError());
    }

    @Test
    void explicitTimestampsAreHonouredAndNotMarkedStale() throws Exception {
        ScrapeLoop l = loop(JOB);
        body = "a 1 500\n";
        l.scrapeAndReport(1000);
        assertEquals(500, (long) samples("a").get(0)[0]);
        body = "";
        l.scrapeAndReport(2000);
        assertEquals(1, samples("a").size());

        ScrapeLoop ignoring = loop(JOB.replace("node", "n2") + "    honor_timestamps: false\n");
        body = "c 1 500\n";
        ignoring.scrapeAndReport(1000);
        assertEquals(1000, (long) samples("c").get(0)[0]);
    }

    @Test
    void stoppingMarksEverySeriesAndTheSyntheticOnesStale() throws Exception {
        ScrapeLoop l = loop(JOB);
        body = "a 1\n";
        l.scrapeAndReport(1000);
        l.stop(16000);
        List<double[]> a = samples("a");
        assertTrue(StaleNaN.is(a.get(a.size() - 1)[1]));
        List<double[]> up = samples("up");
        assertEquals(16000, (long) up.get(up.size() - 1)[0]);
        assertTrue(StaleNaN.is(up.get(up.size() - 1)[1]));
        l.scrapeAndReport(17000);
        assertEquals(2, samples("up").size(), "a stopped loop scrapes no more");
    }

    @Test
    void blankContentTypeNeedsAFallbackProtocol() throws Exception {
        ScrapeLoop l = loop(JOB);
        contentType = "";
        body = "a 1\n";
        l.scrapeAndReport(1000);
        assertTrue(l.target().lastError().contains("blank Content-Type"), l.target().lastError());

        ScrapeLoop withFallback = loop(JOB.replace("node", "n3") + "    fallback_scrape_protocol: PrometheusText0.0.4\n");
        withFallback.scrapeAndReport(1000);
        assertNull(emptyToNull(withFallback.target().lastError()));
        assertFalse(samples("a", "job", "n3").isEmpty());
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
