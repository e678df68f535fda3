package dev.pharos.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.config.ConfigException;
import dev.pharos.config.ConfigLoader;
import dev.pharos.config.ScrapeConfig;
import dev.pharos.model.Labels;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetBuilderTest {

    private static ScrapeConfig job(String yaml) throws ConfigException {
        return ConfigLoader.loadFromString("scrape_configs:\n" + yaml, "p.yml").scrapeConfigs().get(0);
    }

    private static TargetBuilder.Result one(ScrapeConfig cfg) {
        List<TargetGroup> groups = StaticDiscovery.groups(cfg.staticConfigs());
        return TargetBuilder.fromGroup(cfg, groups.get(0)).get(0);
    }

    @Test
    void staticTargetGetsJobInstanceAndInternals() throws Exception {
        ScrapeConfig cfg = job("""
                  - job_name: node
                    scrape_interval: 30s
                    static_configs: [{targets: ['example.com'], labels: {env: prod}}]
                """);
        ScrapeTarget t = one(cfg).target();
        assertEquals(Labels.of("env", "prod", "instance", "example.com", "job", "node"), t.publicLabels());
        assertEquals("example.com", t.labels().get("__address__"), "Prometheus 3 adds no default port");
        assertEquals("http", t.labels().get("__scheme__"));
        assertEquals("/metrics", t.labels().get("__metrics_path__"));
        assertEquals("30s", t.labels().get("__scrape_interval__"));
        assertEquals("10s", t.labels().get("__scrape_timeout__"));
        assertEquals(Duration.ofSeconds(30), t.interval());
        assertEquals("http://example.com/metrics", t.url());
        assertEquals("node", t.discoveredLabels().get("job"));
        assertFalse(t.discoveredLabels().has("instance"));
    }

    @Test
    void blackboxPatternRewritesAddressAndParams() throws Exception {
        ScrapeConfig cfg = job("""
                  - job_name: blackbox
                    metrics_path: /probe
                    params: {module: [http_2xx]}
                    static_configs: [{targets: ['https://example.com/a b']}]
                    relabel_configs:
                      - source_labels: [__address__]
                        target_label: __param_target
                      - source_labels: [__param_target]
                        target_label: instance
                      - target_label: __address__
                        replacement: blackbox:9115
                """);
        ScrapeTarget t = one(cfg).target();
        assertEquals("blackbox:9115", t.address());
        assertEquals("https://example.com/a b", t.publicLabels().get("instance"));
        assertEquals("http://blackbox:9115/probe?module=http_2xx&target=https%3A%2F%2Fexample.com%2Fa+b", t.url());
    }

    @Test
    void relabelingCanDropAndMetaLabelsAreRemoved() throws Exception {
        ScrapeConfig cfg = job("""
                  - job_name: j
                    static_configs: [{targets: ['a:1', 'b:2'], labels: {__meta_zone: eu}}]
                    relabel_configs:
                      - source_labels: [__address__]
                        regex: 'b:.*'
                        action: drop
                      - action: labelmap
                        regex: __meta_(.*)
                """);
        List<TargetBuilder.Result> results = TargetBuilder.fromGroup(cfg, StaticDiscovery.groups(cfg.staticConfigs()).get(0));
        ScrapeTarget a = results.get(0).target();
        assertEquals("eu", a.publicLabels().get("zone"));
        assertFalse(a.labels().has("__meta_zone"));
        assertEquals("eu", a.discoveredLabels().get("__meta_zone"));
        assertTrue(results.get(1).dropped());
    }

    @Test
    void failures() throws Exception {
        ScrapeConfig noAddress = job("""
                  - job_name: j
                    static_configs: [{targets: ['a:1']}]
                    relabel_configs: [{action: labeldrop, regex: __address__}]
                """);
        assertEquals("no address", one(noAddress).error());
        ScrapeConfig badTimeout = job("""
                  - job_name: j
                    scrape_interval: 10s
                    static_configs: [{targets: ['a:1']}]
                    relabel_configs: [{target_label: __scrape_timeout__, replacement: 1m}]
                """);
        assertEquals("scrape timeout cannot be greater than scrape interval (\"1m\" > \"10s\")", one(badTimeout).error());
        ScrapeConfig badBool = job("""
                  - job_name: j
                    static_configs: [{targets: ['a:1']}]
                    relabel_configs: [{target_label: __scrape_native_histograms__, replacement: maybe}]
                """);
        assertNull(one(badBool).target());
        ScrapeConfig url = job("""
                  - job_name: j
                    static_configs: [{targets: ['http://a:1']}]
                    relabel_configs: [{target_label: x, replacement: y}]
                """);
        assertEquals("\"http://a:1\" is not a valid hostname", one(url).error());
    }

    @Test
    void targetLabelsWinOverGroupLabelsAndSchemeCanBeRelabeled() throws Exception {
        ScrapeConfig cfg = job("""
                  - job_name: j
                    scheme: https
                    relabel_configs: [{target_label: __metrics_path__, replacement: /m}]
                """);
        TargetGroup g = new TargetGroup(List.of(Labels.of("__address__", "h:1", "env", "target")),
                Labels.of("env", "group", "dc", "x"), "0");
        ScrapeTarget t = TargetBuilder.fromGroup(cfg, g).get(0).target();
        assertEquals(Labels.of("dc", "x", "env", "target", "instance", "h:1", "job", "j"), t.publicLabels());
        assertEquals("https://h:1/m", t.url());
    }
}
