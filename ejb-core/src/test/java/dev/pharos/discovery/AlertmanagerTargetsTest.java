package dev.pharos.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pharos.config.AlertmanagerConfig;
import dev.pharos.config.ConfigLoader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlertmanagerTargetsTest {

    @Test
    void urlsFromStaticConfigsAndRelabeling() throws Exception {
        AlertmanagerConfig am = ConfigLoader.loadFromString("""
                alerting:
                  alertmanagers:
                    - scheme: https
                      path_prefix: /am/
                      static_configs: [{targets: ['a:9093', 'b:9093']}]
                      relabel_configs: [{source_labels: [__address__], regex: 'b:.*', action: drop}]
                """, "p.yml").alerting().alertmanagers().get(0);
        AlertmanagerTargets.Result r = AlertmanagerTargets.fromGroup(am, StaticDiscovery.groups(am.staticConfigs()).get(0));
        assertEquals(List.of("https://a:9093/am/api/v2/alerts"),
                r.active().stream().map(AlertmanagerTargets.Endpoint::url).toList());
        assertEquals(1, r.dropped().size());
    }

    @ParameterizedTest
    @CsvSource({"'',/api/v2/alerts", "/,/api/v2/alerts", "am,/am/api/v2/alerts", "/a//b/,/a/b/api/v2/alerts"})
    void postPath(String prefix, String expected) {
        assertEquals(expected, AlertmanagerTargets.postPath(prefix, "v2"));
    }
}
