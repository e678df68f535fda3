package dev.pharos.alertmanager.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Validation rules of the original, with the line and field of the offending node. */
class ConfigLoaderTest {

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "''|no route provided in config|0",
        "'receivers: [{name: a}]'|no routes provided|0",
        "'route: {group_wait: 30s}'|root route must specify a default receiver|1",
        "'route: {receiver: x}\nreceivers: [{name: y}]'|undefined receiver \"x\" used in route|1",
        "'route: {receiver: a}\nreceivers: [{name: a}, {name: a}]'|notification config name \"a\" is not unique|2",
        "'route: {receiver: a, continue: true}\nreceivers: [{name: a}]'|cannot have continue in root route|1",
        "'route: {receiver: a, matchers: [x=y]}\nreceivers: [{name: a}]'|root route must not have any matchers|1",
        "'route: {receiver: a, group_by: [a, b, a]}\nreceivers: [{name: a}]'|duplicated label \"a\" in group_by|1",
        "'route: {receiver: a, group_by: [a, ...]}\nreceivers: [{name: a}]'|cannot have wildcard group_by (`...`) and other labels at the same time|1",
        "'route: {receiver: a, group_interval: 0s}\nreceivers: [{name: a}]'|group_interval cannot be zero|1",
        "'route: {receiver: a}\nreceivers:\n  - name: a\n    webhook_configs: [{}]'|one of url or url_file must be configured|4",
        "'route: {receiver: a}\nreceivers:\n  - name: a\n    webhook_configs: [{url: \"http://x\", url_file: /f}]'|at most one of url & url_file must be configured|4",
        "'route: {receiver: a}\nreceivers:\n  - name: a\n    webhook_configs: [{url: \"ftp://x\"}]'|unsupported scheme \"ftp\" for URL|4",
        "'route: {receiver: a}\nreceivers:\n  - name: a\n    email_configs: [{to: x@y}]'|no global SMTP smarthost set|4",
        "'route: {receiver: a}\nreceivers:\n  - name: a\n    pagerduty_configs: [{}]'|missing service or routing key in PagerDuty config|4",
        "'route:\n  receiver: a\n  routes:\n    - {receiver: a, mute_time_intervals: [nope]}\nreceivers: [{name: a}]'|undefined time interval \"nope\" used in route|4",
        "'route: {receiver: a}\nreceivers: [{name: a}]\nbogus: 1'|field bogus not found in type config.plain|3",
        "'route: {receiver: a, matchers: [\"foo\"]}\nreceivers: [{name: a}]'|bad matcher format: foo|1",
    })
    void rejects(String yaml, String reason, int line) {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(yaml));
        assertEquals(reason, e.reason(), e.getMessage());
        assertEquals(line, e.line(), e.getMessage());
    }

    @Test
    void defaultsAndInheritance() {
        AlertmanagerConfig c = ConfigLoader.load("""
                route:
                  receiver: a
                  group_wait: 10s
                  routes:
                    - matchers: [x=y]
                      repeat_interval: 1h
                receivers: [{name: a}]
                """);
        dev.pharos.alertmanager.dispatch.Route tree = dev.pharos.alertmanager.dispatch.Route.tree(c.route());
        var child = tree.routes().get(0).opts();
        assertEquals(Duration.ofSeconds(10), child.groupWait());
        assertEquals(Duration.ofMinutes(5), child.groupInterval());
        assertEquals(Duration.ofHours(1), child.repeatInterval());
        assertEquals("a", child.receiver());
        assertEquals(Duration.ofMinutes(5), c.global().resolveTimeout());
        assertEquals("{}/{x=\"y\"}", tree.routes().get(0).key());
        assertEquals("{}/{x=\"y\"}:{}", tree.routes().get(0).groupKey(dev.pharos.model.Labels.EMPTY));
        assertNull(c.route().groupBy());
    }

    @org.junit.jupiter.api.Test
    void httpConfigFilesAreRelativeToTheConfigFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = dir.resolve("alertmanager.yml");
        java.nio.file.Files.writeString(file, """
                global:
                  http_config: {tls_config: {ca_file: certs/ca.pem}}
                route: {receiver: a}
                receivers:
                  - name: a
                    webhook_configs:
                      - url: 'http://x/'
                        http_config: {authorization: {credentials_file: secrets/token}}
                      - url: 'http://y/'
                      - url: 'http://z/'
                        http_config: {basic_auth: {username: u, password_file: /abs/pw}}
                """);
        java.util.List<IntegrationConfig> hooks = ConfigLoader.loadFile(file).receivers().get(0).integrations();
        assertEquals(dir.resolve("secrets/token").toString(), hooks.get(0).httpConfig().authorizationCredentialsFile());
        assertEquals(dir.resolve("certs/ca.pem").toString(), hooks.get(1).httpConfig().tlsConfig().caFile());
        assertEquals("/abs/pw", hooks.get(2).httpConfig().basicAuthPasswordFile());
    }
}
