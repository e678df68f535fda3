package dev.pharos.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.model.Labels;
import dev.pharos.relabel.RelabelAction;
import dev.pharos.testsupport.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Prometheus's big conf.good.yml is "unsupported" as a whole (it uses every SD mechanism).
 * With those sections removed it must load, with the values Prometheus's config_test expects.
 */
class ConfGoodTest {

    @Test
    @SuppressWarnings("unchecked")
    void confGoodWithoutUnsupportedDiscovery() throws Exception {
        Path file = SharedData.conformance("prometheus-config").resolve("conf.good.yml");
        Map<String, Object> doc = new Yaml().load(Files.readString(file));
        for (Object job : (List<Object>) doc.get("scrape_configs")) {
            ((Map<String, Object>) job).keySet().removeIf(k -> ConfigLoader.UNSUPPORTED_SD.contains(k));
        }
        PrometheusConfig c = ConfigLoader.loadFromString(new Yaml().dump(doc), file.toString());
        Path dir = file.getParent();

        GlobalConfig g = c.global();
        assertEquals(Duration.ofSeconds(15), g.scrapeInterval());
        assertEquals(Duration.ofSeconds(10), g.scrapeTimeout());
        assertEquals(Duration.ofSeconds(30), g.evaluationInterval());
        assertEquals(15L * 1024 * 1024, g.bodySizeLimit());
        assertEquals(1500, g.sampleLimit());
        assertEquals(Labels.of("monitor", "codelab", "foo", "bar"), g.externalLabels());
        assertEquals(dir.resolve("query.log").toString(), g.queryLogFile());
        assertEquals(42, c.runtime().gogc());
        assertEquals(List.of(dir.resolve("first.rules").toString(), dir.resolve("my/*.rules").toString()), c.ruleFiles());

        ScrapeConfig prom = c.scrapeConfig("prometheus");
        assertTrue(prom.honorLabels());
        assertEquals(Duration.ofSeconds(15), prom.scrapeInterval());
        assertEquals("PrometheusText0.0.4", prom.fallbackScrapeProtocol());
        assertEquals(1500, prom.sampleLimit(), "inherited from global");
        assertEquals(List.of(dir.resolve("foo/*.slow.json").toString(), dir.resolve("foo/*.slow.yml").toString(),
                dir.resolve("single/file.yml").toString()), prom.fileSdConfigs().get(0).files());
        assertEquals(Duration.ofMinutes(10), prom.fileSdConfigs().get(0).refreshInterval());
        assertEquals(Duration.ofMinutes(5), prom.fileSdConfigs().get(1).refreshInterval());
        assertEquals(6, prom.relabelConfigs().size());
        assertEquals("foo-${1}", prom.relabelConfigs().get(0).replacement());
        assertEquals(RelabelAction.DROPEQUAL, prom.relabelConfigs().get(5).action());
        assertEquals(dir.resolve("valid_token_file").toString(),
                prom.httpClientConfig().authorization().credentialsFile());
        assertEquals("TLS10", prom.httpClientConfig().tlsConfig().minVersion());
        HttpClientConfig.Header foo = prom.httpClientConfig().httpHeaders().get("foo");
        assertEquals(List.of("foobar"), foo.values());
        assertEquals(List.of(dir.resolve("valid_password_file").toString()), foo.files());

        ScrapeConfig x = c.scrapeConfig("service-x");
        assertEquals("multiline\nmysecret\ntest", x.httpClientConfig().basicAuth().password().value());
        assertEquals(Duration.ofSeconds(50), x.scrapeInterval());
        assertEquals(Duration.ofSeconds(5), x.scrapeTimeout());
        assertEquals(10L * 1024 * 1024, x.bodySizeLimit());
        assertEquals("/my_path", x.metricsPath());
        assertEquals("https", x.scheme());
        assertEquals(8, x.relabelConfigs().get(1).modulus());
        assertEquals(1, x.metricRelabelConfigs().size());

        assertEquals("${1}", c.scrapeConfig("service-y").relabelConfigs().get(0).targetLabel());
        assertTrue(!c.scrapeConfig("badfederation").honorTimestamps());
        assertEquals("測試", c.scrapeConfig("測試").jobName());

        RemoteWriteConfig rw = c.remoteWriteConfigs().get(0);
        assertEquals("http://remote1/push", rw.url());
        assertEquals("123", rw.httpClientConfig().oauth2().clientId());
        assertEquals(RemoteWriteConfig.PROTO_V2, c.remoteWriteConfigs().get(1).protobufMessage());
        assertEquals(Map.of("name", "value"), c.remoteWriteConfigs().get(1).headers());
        assertEquals(Map.of("job", "special"), c.remoteReadConfigs().get(1).requiredMatchers());
        assertTrue(!c.remoteReadConfigs().get(0).httpClientConfig().enableHttp2());

        assertEquals("https", c.alerting().alertmanagers().get(0).scheme());
        assertEquals(Duration.ofMinutes(30), c.storage().tsdb().outOfOrderTimeWindow());
        assertEquals(Duration.ofDays(1), c.storage().tsdb().retention().time());
        assertEquals(28.0, c.storage().tsdb().retention().percentage());
        assertNull(c.storage().exemplars());
        assertEquals("localhost:4317", c.tracing().endpoint());
        assertEquals(List.of("k8s.cluster.name", "k8s.job.name", "k8s.namespace.name"),
                c.otlp().promoteResourceAttributes());
        assertTrue(c.warnings().get(0).contains("query_log_file"));
    }
}
