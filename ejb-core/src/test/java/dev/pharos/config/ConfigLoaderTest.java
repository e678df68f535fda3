package dev.pharos.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.model.Labels;
import dev.pharos.relabel.NameValidation;
import dev.pharos.relabel.RelabelAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {

    private static PrometheusConfig load(String yaml) throws ConfigException {
        return ConfigLoader.loadFromString(yaml, "/etc/x/prometheus.yml");
    }

    private static ConfigException error(String yaml) {
        return assertThrows(ConfigException.class, () -> load(yaml));
    }

    @Test
    void emptyFileGivesDefaults() throws Exception {
        PrometheusConfig c = load("");
        assertEquals(Duration.ofMinutes(1), c.global().scrapeInterval());
        assertEquals(Duration.ofSeconds(10), c.global().scrapeTimeout());
        assertEquals(Duration.ofMinutes(1), c.global().evaluationInterval());
        assertEquals(NameValidation.UTF8, c.global().metricNameValidationScheme());
        assertTrue(c.scrapeConfigs().isEmpty());
        assertNull(c.tracing());
    }

    @Test
    void jobInheritsGlobalsAndDefaults() throws Exception {
        PrometheusConfig c = load("""
                global:
                  scrape_interval: 15s
                  scrape_timeout: 15s
                  sample_limit: 100
                  external_labels: {monitor: codelab}
                scrape_configs:
                  - job_name: a
                    scrape_interval: 5s
                    static_configs: [{targets: ['localhost:9090'], labels: {env: prod}}]
                  - job_name: b
                    sample_limit: 7
                    bearer_token: tok
                """);
        ScrapeConfig a = c.scrapeConfig("a");
        assertEquals(Duration.ofSeconds(5), a.scrapeInterval());
        assertEquals(Duration.ofSeconds(5), a.scrapeTimeout(), "timeout capped at the job interval");
        assertEquals(100, a.sampleLimit());
        assertEquals("/metrics", a.metricsPath());
        assertEquals("http", a.scheme());
        assertTrue(a.honorTimestamps());
        assertEquals(ScrapeConfig.DEFAULT_SCRAPE_PROTOCOLS, a.scrapeProtocols());
        assertEquals(List.of(new StaticConfig(List.of("localhost:9090"), Labels.of("env", "prod"))), a.staticConfigs());
        assertEquals(Labels.of("monitor", "codelab"), c.global().externalLabels());
        ScrapeConfig b = c.scrapeConfig("b");
        assertEquals(Duration.ofSeconds(15), b.scrapeTimeout());
        assertEquals(7, b.sampleLimit());
        assertEquals("Bearer", b.httpClientConfig().authorization().type());
        assertEquals("tok", b.httpClientConfig().authorization().credentials().value());
    }

    @Test
    void errorNamesFileLineAndField() {
        ConfigException e = error("""
                scrape_configs:
                  - job_name: a
                    scrape_interval: abc
                """);
        assertEquals("/etc/x/prometheus.yml", e.file());
        assertEquals(3, e.line());
        assertEquals("scrape_configs[0].scrape_interval", e.field());
        assertEquals("/etc/x/prometheus.yml:3: field \"scrape_configs[0].scrape_interval\": "
                + "not a valid duration string: \"abc\"", e.getMessage());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "scrape_configs: [{job_name: a, foo: 1}]|field foo not found in type config.ScrapeConfig",
            "scrape_configs: [{job_name: a}, {job_name: a}]|found multiple scrape configs with job name \"a\"",
            "scrape_configs: [{job_name: a, scrape_interval: 5s, scrape_timeout: 6s}]|scrape timeout greater than scrape interval for scrape config with job name \"a\"",
            "scrape_configs: [{job_name: a, basic_auth: {username: u, password: p, password_file: f}}]|at most one of basic_auth password, password_file & password_ref must be configured",
            "scrape_configs: [{job_name: a, relabel_configs: [{action: foo}]}]|unknown relabel action \"foo\"",
            "scrape_configs: [{job_name: a, relabel_configs: [{action: hashmod, target_label: x}]}]|relabel configuration for hashmod requires non-zero modulus",
            "scrape_configs: [{job_name: a, static_configs: [{targets: ['http://x']}]}]|\"http://x\" is not a valid hostname",
            "scrape_configs: [{job_name: a, tls_config: {min_version: TLS9}}]|unknown TLS version: TLS9",
            "scrape_configs: [{job_name: a, proxy_url: 'http://[::1'}]|parse \"http://[::1\": missing ']' in host",
            "scrape_configs: [{job_name: a, kubernetes_sd_configs: [{role: pod}]}]|unsupported: kubernetes_sd_configs",
            "scrape_configs: [{job_name: a, honor_labels: maybe}]|cannot unmarshal !!str `maybe` into bool",
            "global: {external_labels: {'a-b': x}, metric_name_validation_scheme: legacy}|ok",
            "global: {scrape_interval: 5s, scrape_timeout: 6s}|global scrape timeout greater than scrape interval",
            "scrape_configs: [{job_name: a, file_sd_configs: [{files: [foo.txt]}]}]|path name \"foo.txt\" is not valid for file discovery",
            "scrape_configs: [{job_name: a, scrape_protocols: []}]|scrape_protocols cannot be empty for scrape config with job name \"a\"",
            "scrape_configs: [{job_name: a, tls_config: {cert_file: c}}]|exactly one of key or key_file must be configured when a client certificate is configured",
            "scrape_configs: [{job_name: a, authorization: {credentials: x}, bearer_token_file: f}]|authorization is not compatible with bearer_token & bearer_token_file",
            "scrape_configs: [{job_name: a, authorization: {type: Basic, credentials: x}}]|authorization type cannot be set to \"basic\", use \"basic_auth\" instead",
            "scrape_configs: [{job_name: a, oauth2: {client_id: x}}]|oauth2 token_url must be configured",
            "scrape_configs: [{job_name: a, sample_limit: -1}]|cannot unmarshal !!int `-1` into uint",
            "scrape_configs: [{job_name: a, relabel_configs: [{source_labels: foo, target_label: x}]}]|cannot unmarshal !!str `foo` into []T (a sequence)",
            "scrape_configs: [{job_name: a, relabel_configs: [{regex: '(?=x)', target_label: x}]}]|error parsing regexp: invalid or unsupported Perl syntax: `(?=`",
            "scrape_configs: [{job_name: a, http_headers: {Authorization: {values: [x]}}}]|setting header \"Authorization\" is not allowed",
            "remote_write: [{url: 'http://x', sigv4: {region: eu}}]|unsupported: sigv4",
            "alerting: {alertmanagers: [{static_configs: [{targets: ['http://am']}]}]}|\"http://am\" is not a valid hostname",
    })
    void rejects(String yaml, String reason) {
        if (reason.equals("ok")) {
            assertDoesNotThrow(() -> load(yaml), "UTF-8 label names are valid in Prometheus 3");
            return;
        }
        assertEquals(reason, error(yaml).reason());
    }

    @Test
    void realErrorWinsOverUnsupported() {
        ConfigException e = error("""
                scrape_configs:
                  - job_name: a
                    consul_sd_configs: [{server: x}]
                  - job_name: a
                """);
        assertFalse(e.isUnsupported());
        ConfigException u = error("scrape_configs: [{job_name: a, consul_sd_configs: [{server: x}]}]");
        assertInstanceOf(UnsupportedConfigException.class, u);
        assertEquals("consul_sd_configs", ((UnsupportedConfigException) u).feature());
    }

    @Test
    void relabelRulesAreParsed() throws Exception {
        ScrapeConfig s = load("""
                scrape_configs:
                  - job_name: a
                    relabel_configs:
                      - source_labels: [__address__]
                        modulus: 8
                        target_label: __tmp_hash
                        action: HashMod
                      - regex:
                        replacement: static
                        target_label: abc
                """).scrapeConfigs().get(0);
        assertEquals(RelabelAction.HASHMOD, s.relabelConfigs().get(0).action());
        assertEquals(8, s.relabelConfigs().get(0).modulus());
        assertEquals("", s.relabelConfigs().get(1).regex().expr(), "a null regex matches only the empty string");
    }

    @Test
    void pathsResolveAgainstTheConfigFolder(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("jobs.yml"), "scrape_configs: [{job_name: extra, tls_config: {cert_file: c, key_file: k}}]");
        Path main = dir.resolve("prometheus.yml");
        Files.writeString(main, """
                rule_files: ['rules/*.yml', '/abs/x.yml']
                scrape_config_files: ['job*.yml']
                scrape_configs:
                  - job_name: a
                    authorization: {credentials_file: token}
                    file_sd_configs: [{files: ['sd/*.json']}]
                """);
        PrometheusConfig c = ConfigLoader.load(main);
        assertEquals(List.of(dir.resolve("rules/*.yml").toString(), "/abs/x.yml"), c.ruleFiles());
        ScrapeConfig a = c.scrapeConfig("a");
        assertEquals(dir.resolve("token").toString(), a.httpClientConfig().authorization().credentialsFile());
        assertEquals(List.of(dir.resolve("sd/*.json").toString()), a.fileSdConfigs().get(0).files());
        assertEquals(dir.resolve("c").toString(), c.scrapeConfig("extra").httpClientConfig().tlsConfig().certFile());
        assertEquals(1, c.scrapeConfigsFromFiles());
        assertEquals(List.of("a"), c.mainScrapeConfigs().stream().map(ScrapeConfig::jobName).toList());
        PrometheusConfig back = ConfigLoader.loadFromString(ConfigYamlWriter.write(c), main.toString());
        assertEquals(c.scrapeConfigs(), back.scrapeConfigs(), "written output loads back to the same jobs");
    }

    @Test
    void scrapeConfigsCompareByValue() throws Exception {
        String yaml = "scrape_configs: [{job_name: a, relabel_configs: [{regex: 'x(.*)', target_label: y}]}, {job_name: b}]";
        PrometheusConfig one = load(yaml);
        PrometheusConfig two = load(yaml);
        assertEquals(one.scrapeConfig("a"), two.scrapeConfig("a"));
        PrometheusConfig three = load(yaml.replace("x(.*)", "z(.*)"));
        assertNotEquals(one.scrapeConfig("a"), three.scrapeConfig("a"));
        assertEquals(one.scrapeConfig("b"), three.scrapeConfig("b"));
    }

    @Test
    void duplicateKeysAreRejected() {
        ConfigException e = error("global: {}\nglobal: {}\n");
        assertEquals(2, e.line());
        assertTrue(e.reason().contains("already defined at line 1"), e.reason());
    }

    @ParameterizedTest
    @CsvSource({"1h30m,5400000,1h30m", "15s,15000,15s", "1d,86400000,1d", "1w,604800000,1w",
            "1y,31536000000,1y", "500ms,500,500ms", "0,0,0s", "90s,90000,1m30s"})
    void durations(String in, long millis, String formatted) {
        assertEquals(Duration.ofMillis(millis), PromDurations.parse(in));
        assertEquals(formatted, PromDurations.format(PromDurations.parse(in)));
    }

    @ParameterizedTest
    @CsvSource({"15MB,15728640", "1GB,1073741824", "512B,512", "1KiB,1024"})
    void byteSizes(String in, long bytes) {
        assertEquals(bytes, ByteSizes.parse(in));
    }
}
