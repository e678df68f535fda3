package dev.pharos.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.config.ConfigLoader;
import dev.pharos.config.PrometheusConfig;
import dev.pharos.tsdb.MemoryStorage;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ScrapeManagerTest {

    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
    private final ScrapeManager manager = new ScrapeManager(new MemoryStorage(), scheduler,
            ScrapeMetrics.unregistered(), System::currentTimeMillis);

    @AfterEach
    void stop() {
        manager.stop();
        scheduler.shutdownNow();
    }

    private static PrometheusConfig config(String yaml) throws Exception {
        return ConfigLoader.loadFromString(yaml, "p.yml");
    }

    private static final String TWO_JOBS = """
            scrape_configs:
              - job_name: a
                scrape_interval: 1h
                static_configs: [{targets: ['127.0.0.1:1', '127.0.0.1:2']}]
              - job_name: b
                scrape_interval: 1h
                relabel_configs:
                  - source_labels: [__address__]
                    regex: '.*:4'
                    action: drop
                static_configs: [{targets: ['127.0.0.1:3', '127.0.0.1:4']}]
            """;

    @Test
    void buildsPoolsWithActiveAndDroppedTargets() throws Exception {
        assertEquals(2, manager.apply(config(TWO_JOBS).scrapeConfigs()));
        ScrapePool a = manager.pools().get(0);
        ScrapePool b = manager.pools().get(1);
        assertEquals(2, a.activeTargets().size());
        assertEquals("127.0.0.1:1", a.activeTargets().get(0).labels().get("instance"));
        assertEquals(1, b.activeTargets().size());
        assertEquals(1, b.droppedTargets().size());
        assertEquals("127.0.0.1:4", b.droppedTargets().get(0).get("__address__"));
        assertEquals(3, scheduler.getQueue().size(), "one scheduled loop per active target");
    }

    @Test
    void unchangedJobsKeepTheirPoolAcrossReloads() throws Exception {
        manager.apply(config(TWO_JOBS).scrapeConfigs());
        ScrapePool a = manager.pools().get(0);
        Target t = a.activeTargets().get(0);
        ScrapePool b = manager.pools().get(1);

        int changed = manager.apply(config(TWO_JOBS.replace("'127.0.0.1:3', ", "")).scrapeConfigs());
        assertEquals(1, changed, "only job b changed");
        assertSame(a, manager.pools().get(0));
        assertSame(t, manager.pools().get(0).activeTargets().get(0), "same target object: scrape state kept");
        assertNotSame(b, manager.pools().get(1));
        assertEquals(0, manager.pools().get(1).activeTargets().size());
    }

    @Test
    void removedJobsAreStopped() throws Exception {
        manager.apply(config(TWO_JOBS).scrapeConfigs());
        manager.apply(config("scrape_configs: []\n").scrapeConfigs());
        assertTrue(manager.pools().isEmpty());
        scheduler.purge();
        assertTrue(scheduler.getQueue().stream().allMatch(r -> ((java.util.concurrent.Future<?>) r).isCancelled()
                || ((java.util.concurrent.Delayed) r).getDelay(java.util.concurrent.TimeUnit.HOURS) < 1),
                "loops cancelled (only one-shot staleness tasks may remain)");
    }

    @Test
    void offsetsAreStableAndWithinTheInterval() throws Exception {
        manager.apply(config(TWO_JOBS).scrapeConfigs());
        Target t = manager.pools().get(0).activeTargets().get(0);
        long o1 = ScrapePool.offset(t, 60_000, 1_000_000);
        long o2 = ScrapePool.offset(t, 60_000, 1_060_000);
        assertEquals(o1, o2, "same phase one interval later");
        assertTrue(o1 >= 0 && o1 < 60_000);
    }
}
