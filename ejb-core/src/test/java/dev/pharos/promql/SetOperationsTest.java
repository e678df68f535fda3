package dev.pharos.promql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pharos.model.Labels;
import dev.pharos.tsdb.Appender;
import dev.pharos.tsdb.MemoryStorage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Set operators in range queries. An {@code or} chain is evaluated in one pass; it must give
 * what evaluating it link by link gives (parentheses force that), step by step.
 */
class SetOperationsTest {
    static QueryEngine engine;

    /** Three gauges a, b, c over instances i0..i3, each present in its own pattern of minutes. */
    @BeforeAll
    static void load() throws Exception {
        MemoryStorage s = new MemoryStorage();
        Appender app = s.appender();
        String[] names = {"a", "b", "c", "d"};
        for (int n = 0; n < names.length; n++) {
            for (int i = 0; i < 4; i++) {
                Labels l = Labels.of("__name__", names[n], "job", i % 2 == 0 ? "even" : "odd", "instance", "i" + i);
                for (int m = 0; m <= 30; m++) {
                    // present when (m + i) is not a multiple of n + 2: gaps differ per series
                    if ((m + i) % (n + 2) != 0) {
                        app.append(0, l, m * 60_000L, 100 * n + i + m / 100.0);
                    }
                }
            }
        }
        app.commit();
        engine = new QueryEngine(s, new QueryEngine.Options(java.time.Duration.ofSeconds(30),
                java.time.Duration.ofMinutes(1), 50_000_000L, java.time.Duration.ofMinutes(1)));
    }

    static String render(String q) {
        Matrix m = (Matrix) engine.rangeQuery(q, 0, 30 * 60_000L, 30_000).value();
        StringBuilder sb = new StringBuilder();
        for (SeriesData s : m.series()) {
            sb.append(s.metric()).append(Arrays.toString(s.timestamps())).append(Arrays.toString(s.values())).append('\n');
        }
        return sb.toString();
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "a or b or c or d; ((a or b) or c) or d",
        "a or b or c or d; a or (b or (c or d))",
        "a or on(job) b or c; (a or on(job) b) or c",
        "a or b or on(instance) c or d; ((a or b) or on(instance) c) or d",
        "a or ignoring(job) b or ignoring(job) c; (a or ignoring(job) b) or ignoring(job) c",
        "label_replace(a, 'x', '1', '', '') or label_replace(b, 'x', '1', '', '') or c;"
            + " (label_replace(a, 'x', '1', '', '') or label_replace(b, 'x', '1', '', '')) or c",
        "{__name__=~'a|b'} or c or d; ({__name__=~'a|b'} or c) or d",
        "a > 100 or b or a; (a > 100 or b) or a"})
    void oneChainEqualsLinkByLink(String chain, String linkByLink) {
        String expected = render(linkByLink);
        assertEquals(expected, render(chain));
        assertEquals(false, expected.isEmpty());
    }

    @Test
    void laterOperandsFillOnlyTheStepsEarlierOnesLack() {
        // a{instance="i0"} is absent at minutes 0, 2, 4, ...; b{instance="i0"} fills those (when present).
        Matrix m = (Matrix) engine.rangeQuery("a{instance=\"i0\"} or b{instance=\"i0\"}", 0, 6 * 60_000L, 60_000).value();
        List<String> got = new ArrayList<>();
        for (SeriesData s : m.series()) {
            got.add(s.metric().metricName() + Arrays.toString(s.timestamps()));
        }
        // b (n=1) is absent where m % 3 == 0.
        assertEquals(List.of("a[60000, 180000, 300000]", "b[120000, 240000]"), got);
    }

    @Test
    void andUnlessMatchOnSignatures() {
        assertEquals(render("a and on(instance) (b > 0)"), render("a and on(instance) b"));
        assertEquals("", render("a unless a"));
        assertEquals(render("a unless ignoring(job) b"), render("a unless b"));
    }
}
