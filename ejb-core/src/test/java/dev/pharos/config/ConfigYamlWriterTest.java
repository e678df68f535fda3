package dev.pharos.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConfigYamlWriterTest {

    @Test
    void secretsAreMasked() throws Exception {
        PrometheusConfig c = ConfigLoader.loadFromString("""
                scrape_configs:
                  - job_name: a
                    basic_auth: {username: u, password: hunter2}
                    tls_config: {cert: CERT, key: PRIVATEKEY}
                    http_headers: {X-Api: {secrets: [topsecret]}}
                  - job_name: b
                    authorization: {credentials: tok3n}
                remote_write:
                  - url: http://remote/push
                    oauth2: {client_id: id, client_secret: s3cr3t, token_url: 'http://auth'}
                """, "p.yml");
        String out = ConfigYamlWriter.write(c);
        for (String secret : new String[] {"hunter2", "PRIVATEKEY", "topsecret", "tok3n", "s3cr3t"}) {
            assertFalse(out.contains(secret), secret + " leaked:\n" + out);
        }
        assertTrue(out.contains("password: <secret>"), out);
        assertTrue(out.contains("credentials: <secret>"), out);
        assertTrue(out.contains("client_secret: <secret>"), out);
    }

    @Test
    void outputFillsDefaultsAndLoadsBackEqual() throws Exception {
        String yaml = """
                global:
                  scrape_interval: 15s
                  external_labels: {monitor: codelab, 'yes': 'true'}
                rule_files: [/etc/rules/*.yml]
                scrape_configs:
                  - job_name: prometheus
                    params: {module: [http_2xx]}
                    static_configs: [{targets: ['localhost:9090'], labels: {env: prod}}]
                    relabel_configs:
                      - source_labels: [__address__, job]
                        regex: '(.*):\\d+;(.*)'
                        target_label: instance
                      - action: labeldrop
                        regex: tmp_.*
                    metric_relabel_configs:
                      - source_labels: [__name__]
                        regex: expensive.*
                        action: drop
                alerting:
                  alertmanagers:
                    - static_configs: [{targets: ['am:9093']}]
                remote_write:
                  - url: http://remote/push
                    queue_config: {max_shards: 10}
                storage:
                  tsdb: {out_of_order_time_window: 30m}
                """;
        PrometheusConfig c = ConfigLoader.loadFromString(yaml, "/etc/p.yml");
        String out = ConfigYamlWriter.write(c);
        assertTrue(out.startsWith("global:\n  scrape_interval: 15s\n  scrape_timeout: 10s\n"), out);
        assertTrue(out.contains("  evaluation_interval: 1m\n"), out);
        assertTrue(out.contains("- job_name: prometheus\n"), out);
        assertTrue(out.contains("source_labels: [__address__, job]"), out);
        assertTrue(out.contains("'yes': 'true'"), out);
        PrometheusConfig back = ConfigLoader.loadFromString(out, "/etc/p.yml");
        assertEquals(c.scrapeConfigs(), back.scrapeConfigs());
        assertEquals(c.global(), back.global());
        assertEquals(c.alerting(), back.alerting());
        assertEquals(c.remoteWriteConfigs(), back.remoteWriteConfigs());
        assertEquals(c.storage(), back.storage());
        assertEquals(c.ruleFiles(), back.ruleFiles());
    }
}
