package dev.pharos.promql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.model.Labels;
import dev.pharos.model.StaleNaN;
import dev.pharos.tsdb.Appender;
import dev.pharos.tsdb.MemoryStorage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QueryEngineTest {
    private MemoryStorage storage;

    @BeforeEach
    void load() throws Exception {
        storage = new MemoryStorage();
        Appender app = storage.appender();
        for (int i = 0; i < 20; i++) {
            Labels l = Labels.of("__name__", "req_total", "job", i % 2 == 0 ? "a" : "b", "i", Integer.toString(i));
            for (int t = 0; t <= 600; t += 15) {
                app.append(0, l, t * 1000L, t * (i + 1));
            }
        }
        Labels g = Labels.of("__name__", "temp");
        app.append(0, g, 0, 10);
        app.append(0, g, 60_000, 20);
        app.append(0, g, 120_000, StaleNaN.VALUE);
        app.commit();
    }

    @Test
    void instantQueryWithAggregation() {
        QueryResult r = new QueryEngine(storage).instantQuery("sum by (job) (rate(req_total[1m]))", 600_000);
        Vector v = (Vector) r.value();
        assertEquals(2, v.samples().size());
        // rate of t*(i+1) is (i+1)/s; job a has i = 0,2,..18 -> sum(i+1) = 100
        Sample a = v.samples().stream().filter(s -> s.metric().get("job").equals("a")).findFirst().orElseThrow();
        assertEquals(100, a.value(), 1e-9);
        assertEquals(Labels.of("job", "a"), a.metric());
        assertTrue(r.totalSamples() > 0);
        assertTrue(r.peakSamples() > 0);
    }

    @Test
    void rangeQueryHonoursStaleness() {
        QueryResult r = new QueryEngine(storage).rangeQuery("temp", 0, 180_000, 30_000);
        Matrix m = (Matrix) r.value();
        assertEquals(1, m.series().size());
        SeriesData s = m.series().get(0);
        // the stale marker at 120s ends the series; 90s still sees the 60s sample
        assertEquals(List.of(0L, 30_000L, 60_000L, 90_000L), toList(s.timestamps()));
        assertEquals(20, s.values()[3]);
    }

    @Test
    void lookbackDeltaIsConfigurablePerQuery() {
        QueryEngine e = new QueryEngine(storage);
        QueryResult r = e.instantQuery("temp", 100_000, QueryOptions.DEFAULT.withLookbackDelta(Duration.ofSeconds(30)));
        assertEquals(0, ((Vector) r.value()).samples().size());
        r = e.instantQuery("temp", 80_000, QueryOptions.DEFAULT.withLookbackDelta(Duration.ofSeconds(30)));
        assertEquals(1, ((Vector) r.value()).samples().size());
    }

    private static List<Long> toList(long[] a) {
        List<Long> l = new ArrayList<>();
        for (long x : a) {
            l.add(x);
        }
        return l;
    }

    @Test
    void tooManySamples() {
        QueryEngine e = new QueryEngine(storage, new QueryEngine.Options(Duration.ofMinutes(5), Duration.ofMinutes(2), 100, Duration.ofMinutes(1)));
        QueryException ex = assertThrows(QueryException.class, () -> e.rangeQuery("req_total", 0, 600_000, 15_000));
        assertEquals(QueryException.Type.EXECUTION, ex.errorType());
        assertEquals("query processing would load too many samples into memory in query execution", ex.getMessage());
    }

    @Test
    void timeoutAndCancel() {
        QueryEngine e = new QueryEngine(storage);
        QueryException t = assertThrows(QueryException.class,
                () -> e.rangeQuery("sum(req_total)", 0, 600_000, 1_000, QueryOptions.DEFAULT.withTimeout(Duration.ofNanos(1))));
        assertEquals(QueryException.Type.TIMEOUT, t.errorType());
        assertEquals("query timed out in query execution", t.getMessage());
        QueryException c = assertThrows(QueryException.class,
                () -> e.rangeQuery("sum(req_total)", 0, 600_000, 1_000, QueryOptions.DEFAULT.withCancel(() -> true)));
        assertEquals(QueryException.Type.CANCELED, c.errorType());
    }

    /**
     * A query that would run for minutes (a window function over a long subquery: one series,
     * many steps) stops soon after its cancellation flag turns.
     */
    @Test
    void cancellationStopsALongQueryMidway() {
        String query = "max_over_time(quantile_over_time(0.5, sin(vector(time()))[1h:1s])[3d:1s])";
        QueryEngine e = new QueryEngine(storage);
        long cancelAt = System.nanoTime() + 300_000_000L;
        long t0 = System.nanoTime();
        QueryException c = assertThrows(QueryException.class, () -> e.instantQuery(query, 1_000_000_000L,
                QueryOptions.DEFAULT.withCancel(() -> System.nanoTime() - cancelAt > 0)));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(QueryException.Type.CANCELED, c.errorType());
        assertEquals("query was canceled in query execution", c.getMessage());
        assertTrue(ms < 3_000, "stopped only after " + ms + " ms");
    }

    @Test
    void parseErrorsAreBadData() {
        QueryException ex = assertThrows(QueryException.class, () -> new QueryEngine(storage).instantQuery("sum(", 0));
        assertEquals(QueryException.Type.BAD_DATA, ex.errorType());
        assertTrue(ex.getMessage().startsWith("1:5: parse error: "), ex.getMessage());
    }

    @Test
    void annotationsCarryPositions() {
        QueryResult r = new QueryEngine(storage).instantQuery("rate(temp[5m])", 60_000);
        assertEquals(List.of("PromQL info: metric might not be a counter, name does not end in _total/_sum/_count/_bucket: \"temp\" (1:6)"),
                r.infos());
    }

    /** Range queries (evaluated in chunks of steps) must agree with instant queries at every step. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
        "rate(req_total[1m])",
        "sum by (job) (rate(req_total[1m]))",
        "max_over_time(rate(req_total[1m])[2m:10s])",
        "topk(2, req_total)",
        "req_total offset 30s",
        "req_total @ 300",
        "temp",
        "req_total / on(i) group_left sum by (i) (req_total)",
        "time() - timestamp(temp)"})
    void rangeAgreesWithInstantAtEveryStep(String q) {
        QueryEngine e = new QueryEngine(storage);
        long step = 1000;
        Matrix m = (Matrix) e.rangeQuery(q, 0, 600_000, step).value();
        for (long t = 0; t <= 600_000; t += 7 * step) {
            java.util.Map<Labels, Double> fromRange = new java.util.HashMap<>();
            for (SeriesData s : m.series()) {
                for (int i = 0; i < s.size(); i++) {
                    if (s.timestamps()[i] == t) {
                        fromRange.put(s.metric(), s.values()[i]);
                    }
                }
            }
            java.util.Map<Labels, Double> fromInstant = new java.util.HashMap<>();
            for (Sample s : ((Vector) e.instantQuery(q, t).value()).samples()) {
                fromInstant.put(s.metric(), s.value());
            }
            assertEquals(fromInstant.keySet(), fromRange.keySet(), q + " at " + t);
            for (Labels l : fromInstant.keySet()) {
                assertEquals(fromInstant.get(l), fromRange.get(l), 1e-9, q + " at " + t + " " + l);
            }
        }
    }

    @Test
    void threadSafe() throws Exception {
        QueryEngine e = new QueryEngine(storage);
        String q = "topk(3, sum by (i) (increase(req_total[2m])))";
        Value expected = e.rangeQuery(q, 0, 600_000, 15_000).value();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Value>> fs = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                fs.add(pool.submit(() -> e.rangeQuery(q, 0, 600_000, 15_000).value()));
            }
            for (Future<Value> f : fs) {
                Matrix a = (Matrix) f.get();
                Matrix b = (Matrix) expected;
                assertEquals(b.series().size(), a.series().size());
                for (int i = 0; i < a.series().size(); i++) {
                    assertEquals(b.series().get(i).metric(), a.series().get(i).metric());
                    assertEquals(toList(b.series().get(i).timestamps()), toList(a.series().get(i).timestamps()));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
