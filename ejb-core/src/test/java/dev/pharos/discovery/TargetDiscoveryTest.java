package dev.pharos.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.config.ConfigLoader;
import dev.pharos.config.ScrapeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetDiscoveryTest {

    @Test
    void staticAndFileGroupsWithUniqueSources(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("t.yml"), "- targets: ['f:1']\n");
        Path cfgFile = dir.resolve("prometheus.yml");
        Files.writeString(cfgFile, """
                scrape_configs:
                  - job_name: j
                    static_configs: [{targets: ['s:1']}, {targets: ['s:2']}]
                    file_sd_configs: [{files: ['*.yml']}]
                """);
        ScrapeConfig cfg = ConfigLoader.load(cfgFile).scrapeConfig("j");
        TargetDiscovery d = TargetDiscovery.of(cfg);
        List<TargetGroup> first = d.poll();
        assertEquals(List.of("static_configs/0", "static_configs/1",
                "file_sd_configs/0/" + dir.resolve("t.yml") + ":0"), first.stream().map(TargetGroup::source).toList());
        assertTrue(d.poll().isEmpty());
        Files.delete(dir.resolve("t.yml"));
        assertEquals(1, d.poll().size());
        assertEquals(2, d.current().size());
        List<TargetBuilder.Result> targets = d.current().stream()
                .flatMap(g -> TargetBuilder.fromGroup(cfg, g).stream()).toList();
        assertEquals(List.of("s:1", "s:2"), targets.stream().map(r -> r.target().address()).toList());
    }
}
