package dev.pharos.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.pharos.config.ConfigLoader;
import dev.pharos.config.RemoteWriteConfig;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The remote_name and url labels of the remote-write metrics. */
class RemoteWriteServiceNamesTest {

    @Test
    void namedEntriesKeepTheirNameUnnamedOnesGetAHashOfTheUrl() throws Exception {
        List<RemoteWriteConfig> rws = ConfigLoader.loadFromString("""
                remote_write:
                  - url: http://a/api/v1/write
                    name: primary
                  - url: http://b/api/v1/write
                  - url: http://c/api/v1/write
                """, "t.yml").remoteWriteConfigs();
        Set<String> taken = new HashSet<>();
        assertEquals("primary", RemoteWriteService.queueName(rws.get(0), 1, taken));
        String b = RemoteWriteService.queueName(rws.get(1), 2, taken);
        assertEquals(6, b.length());
        assertEquals(b, RemoteWriteService.queueName(rws.get(1), 2, new HashSet<>()), "stable across reloads");
        assertNotEquals(b, RemoteWriteService.queueName(rws.get(2), 3, taken));
        assertEquals(b + "-4", RemoteWriteService.queueName(rws.get(1), 4, taken), "made unique");
    }

    @ParameterizedTest
    @CsvSource({
        "http://rx:9090/api/v1/write, http://rx:9090/api/v1/write",
        "https://user:secret@rx/api/v1/write?x=1, https://rx/api/v1/write?x=1",
    })
    void theUrlLabelHasNoCredentials(String url, String label) {
        assertEquals(label, RemoteWriteService.urlLabel(URI.create(url)));
    }

    @Test
    void anUnchangedEntryParsesEqualSoAReloadKeepsItsQueue() throws Exception {
        String yaml = """
                remote_write:
                  - url: http://a/api/v1/write
                    basic_auth: {username: u, password: p}
                    write_relabel_configs:
                      - source_labels: [__name__]
                        regex: go_.*
                        action: drop
                    queue_config: {max_shards: 4}
                """;
        assertEquals(ConfigLoader.loadFromString(yaml, "t.yml").remoteWriteConfigs(),
                ConfigLoader.loadFromString(yaml, "t.yml").remoteWriteConfigs());
        assertNotEquals(ConfigLoader.loadFromString(yaml, "t.yml").remoteWriteConfigs(),
                ConfigLoader.loadFromString(yaml.replace("go_", "node_"), "t.yml").remoteWriteConfigs());
    }
}
