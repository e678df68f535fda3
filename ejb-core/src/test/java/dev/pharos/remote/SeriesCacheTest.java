package dev.pharos.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.config.ConfigLoader;
import dev.pharos.model.Labels;
import dev.pharos.relabel.RelabelConfig;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SeriesCacheTest {

    /** write_relabel_configs as prometheus.yml has them, parsed by the real config loader. */
    static List<RelabelConfig> rules(String yaml) throws Exception {
        String cfg = "remote_write:\n  - url: http://x/api/v1/write\n    write_relabel_configs:\n"
                + yaml.indent(6);
        return ConfigLoader.loadFromString(cfg, "t.yml").remoteWriteConfigs().get(0).writeRelabelConfigs();
    }

    static Labels parse(String s) {
        if (s.isEmpty()) {
            return Labels.EMPTY;
        }
        String[] kv = s.split("[,=]");
        return Labels.of(kv);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            # case                       | rules                                                                              | series                         | sent (DROPPED when not sent)
            drop by name                 | "- source_labels: [__name__]\\n  regex: go_.*\\n  action: drop"                     | __name__=go_gc,job=a           | DROPPED
            drop keeps others            | "- source_labels: [__name__]\\n  regex: go_.*\\n  action: drop"                     | __name__=up,job=a              | __name__=up,env=prod,job=a
            keep on external label       | "- source_labels: [env]\\n  regex: prod\\n  action: keep"                           | __name__=up,job=a              | __name__=up,env=prod,job=a
            series label beats external  | "- source_labels: [env]\\n  regex: prod\\n  action: keep"                           | __name__=up,env=dev            | DROPPED
            labeldrop external           | "- regex: env\\n  action: labeldrop"                                                | __name__=up,job=a              | __name__=up,job=a
            replace                      | "- source_labels: [job]\\n  target_label: team\\n  replacement: t-$1"               | __name__=up,job=a              | __name__=up,env=prod,job=a,team=t-a
            labelkeep everything away    | "- regex: nothing\\n  action: labelkeep"                                            | __name__=up,job=a              | DROPPED
            """)
    void externalLabelsThenWriteRelabelling(String name, String yaml, String series, String sent) throws Exception {
        SeriesCache c = new SeriesCache(rules(yaml.replace("\\n", "\n")), Labels.of("env", "prod"), 1000);
        SendSeries s = c.resolve(parse(series));
        if (sent.equals("DROPPED")) {
            assertSame(SendSeries.DROPPED, s);
        } else {
            assertEquals(parse(sent), s.labels);
            assertEquals(new String(WriteRequestEncoder.encodeLabels(s.labels), java.nio.charset.StandardCharsets.ISO_8859_1),
                    new String(s.encodedLabels, java.nio.charset.StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void resolvesOncePerSeriesAndStaysBounded() {
        SeriesCache c = new SeriesCache(List.of(), Labels.EMPTY, 100);
        Labels a = Labels.of("__name__", "a");
        SendSeries first = c.resolve(a);
        assertSame(first, c.resolve(a), "cached: no relabelling per sample");
        assertSame(first, c.resolve(Labels.of("__name__", "a")), "an equal label set from another object hits too");
        for (int i = 0; i < 1000; i++) {
            c.resolve(Labels.of("__name__", "s" + i));
            c.resolve(a); // a series that keeps coming stays cached across generations
        }
        assertTrue(c.size() <= 100, "bounded: " + c.size());
        assertSame(first, c.resolve(a));
        // A series evicted and resolved again gets the same shard: the hash is of the contents.
        assertEquals(new SendSeries(Labels.of("__name__", "s0")).hash, c.resolve(Labels.of("__name__", "s0")).hash);
    }
}
