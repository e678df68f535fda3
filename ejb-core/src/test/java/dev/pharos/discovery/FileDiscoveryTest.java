package dev.pharos.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.config.ConfigException;
import dev.pharos.config.ConfigLoader;
import dev.pharos.model.Labels;
import dev.pharos.testsupport.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDiscoveryTest {

    @TempDir
    Path dir;

    private final AtomicLong clock = new AtomicLong();

    private FileDiscovery discovery(String... patterns) {
        return new FileDiscovery(List.of(patterns), Duration.ofMinutes(5), clock::get);
    }

    @Test
    void readsJsonAndYamlWithFilepathLabel() throws Exception {
        Path json = dir.resolve("a.json");
        Files.writeString(json, """
                [{"targets": ["h1:9100", "h2:9100"], "labels": {"env": "prod"}}, {"targets": ["h3:9100"]}]
                """);
        Path yml = dir.resolve("b.yml");
        Files.writeString(yml, "- targets: ['h4:9100']\n  labels: {env: dev}\n");
        Files.writeString(dir.resolve("ignored.txt"), "x");
        FileDiscovery d = discovery(dir + "/*.json", dir + "/*.yml");
        List<TargetGroup> groups = d.poll();
        assertEquals(3, groups.size());
        TargetGroup first = groups.get(0);
        assertEquals(json + ":0", first.source());
        assertEquals(List.of(Labels.of("__address__", "h1:9100"), Labels.of("__address__", "h2:9100")), first.targets());
        assertEquals(Labels.of("env", "prod", "__meta_filepath", json.toString()), first.groupLabels());
        assertEquals(yml + ":0", groups.get(2).source());
        assertTrue(d.poll().isEmpty(), "nothing changed, not due");
    }

    @Test
    void changesInvalidContentAndRemoval() throws Exception {
        Path f = dir.resolve("t.yml");
        Files.writeString(f, "- targets: ['a:1']\n- targets: ['b:1']\n");
        FileDiscovery d = discovery(dir + "/*.yml");
        assertEquals(2, d.poll().size());

        Files.writeString(f, "- targets: ['a:1']\n");
        List<TargetGroup> changed = d.refresh();
        assertEquals(List.of(TargetGroup.empty(f + ":1")), changed, "the vanished trailing group comes back empty");

        Files.writeString(f, "- targets: ['a:1']\n  labels: {'': x}\n");
        assertTrue(d.refresh().isEmpty(), "invalid content keeps the previous targets");
        assertTrue(d.errors().get(f.toString()).contains("is not a valid label name"), d.errors().toString());
        assertEquals(1, d.current().size());

        Files.writeString(f, "- targets: ['c:1']\n");
        changed = d.refresh();
        assertEquals(1, changed.size());
        assertEquals(Labels.of("__address__", "c:1"), changed.get(0).targets().get(0));
        assertTrue(d.errors().isEmpty());

        Files.delete(f);
        assertEquals(List.of(TargetGroup.empty(f + ":0")), d.poll(), "a vanished file is noticed by poll");
        assertTrue(d.current().isEmpty());
    }

    @Test
    void jsonWithTabsAndEscapedSlashes() throws Exception {
        Path f = dir.resolve("t.json");
        Files.writeString(f, "[\n\t{\"targets\": [\"a:1\"], \"labels\": {\"path\": \"\\/x\\\\\", \"e\": \"\\u00e9\"},"
                + " \"extra\": 1}\n]\n");
        TargetGroup g = discovery(f.toString()).poll().get(0);
        assertEquals("/x\\", g.groupLabels().get("path"));
        assertEquals("\u00e9", g.groupLabels().get("e"));
    }

    @Test
    void rereadsEveryRefreshInterval() throws Exception {
        Files.writeString(dir.resolve("t.json"), "[{\"targets\": [\"a:1\"]}]");
        FileDiscovery d = discovery(dir + "/t.json");
        assertEquals(1, d.poll().size());
        clock.addAndGet(Duration.ofMinutes(4).toNanos());
        assertTrue(d.poll().isEmpty());
        clock.addAndGet(Duration.ofMinutes(1).toNanos());
        assertTrue(d.poll().isEmpty(), "re-read, but no group changed");
    }

    @Test
    void newFileMatchingTheGlobIsPickedUp() throws Exception {
        FileDiscovery d = discovery(dir + "/*.yaml");
        assertTrue(d.poll().isEmpty());
        Files.writeString(dir.resolve("new.yaml"), "- targets: ['x:1']\n");
        assertEquals(1, d.poll().size());
    }

    @Test
    void targetGroupFileFromPrometheusTestdataIsRejected() throws Exception {
        Path bad = SharedData.conformance("prometheus-config").resolve("static_config.bad.yml");
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.parseTargetGroups("- " + Files.readString(bad).replace("\n", "\n  "), bad.toString()));
        assertFalse(e.getMessage().isEmpty());
    }
}
