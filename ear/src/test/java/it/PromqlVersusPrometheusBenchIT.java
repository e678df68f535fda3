package it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The dashboard queries of QueryBench, side by side on Pharos and a real Prometheus holding
 * identical data: one OpenMetrics file per data set is written once, imported into Pharos
 * through {@code POST /api/v1/import/openmetrics} and turned into Prometheus blocks by
 * {@code promtool tsdb create-blocks-from openmetrics}; then each query runs through both HTTP
 * APIs, alternating, and a table of median latencies (client-side, whole HTTP exchange) is
 * printed. Both must return the same number of series. Several minutes: runs only with
 * {@code -Dit.bench=true}.
 *
 * <p>Data, as QueryBench: 10,000 counters (10 jobs x 1,000 instances) and 1,000 histogram
 * buckets (100 instances x 10 le) over one hour at 15s; 1,000 counters over 24 hours at 60s;
 * 100,000 series with five samples each. All of it lies hours in the past, so both servers
 * read it from blocks, and queries start once no compaction has run for 70 s. Each query runs
 * at least four times on each side as warm-up (the first also compares answers; more, up to
 * 31, while the warm-up is under 5 s: the JIT), then
 * {@code it.bench.runs} (5) timed times.
 */
@EnabledIfSystemProperty(named = "it.bench", matches = "true")
class PromqlVersusPrometheusBenchIT {

    static final long HOUR = 3_600L;
    static final int RUNS = Integer.getInteger("it.bench.runs", 5);
    static final String[] LE = {"0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "+Inf"};

    record Query(String name, String path) {
    }

    @Test
    void dashboardQueriesSideBySide() throws Exception {
        long now = System.currentTimeMillis() / 1000;
        // Two-hour aligned, hours ago; each import fills its own two-hour block ranges, so that
        // neither server holds overlapping blocks (their merging would run during the timing).
        long base = (now - 6 * HOUR) / (2 * HOUR) * (2 * HOUR);
        long dayStart = base - 24 * HOUR;
        long manyStart = base + 2 * HOUR;
        Path dir = Files.createTempDirectory("pharos-promql-bench");
        try {
            Map<String, Path> sets = new LinkedHashMap<>();
            sets.put("counters+buckets", write(dir.resolve("counters.om"), w -> {
                counters(w, base);
                buckets(w, base);
            }));
            sets.put("day", write(dir.resolve("day.om"), w -> day(w, dayStart)));
            sets.put("many", write(dir.resolve("many.om"), w -> many(w, manyStart)));

            // Pharos: one import per data set.
            for (Map.Entry<String, Path> e : sets.entrySet()) {
                long t0 = System.nanoTime();
                HttpResponse<String> r = Http.postFile(Http.server("/api/v1/import/openmetrics"),
                        "application/openmetrics-text", e.getValue(), Duration.ofMinutes(10));
                assertEquals(200, r.statusCode(), e.getKey() + ": " + r.body());
                System.out.printf(Locale.ROOT, "BENCH import %-8s into Pharos: %6d ms, %s%n", e.getKey(),
                        (System.nanoTime() - t0) / 1_000_000, r.body());
            }

            // Prometheus: the same files concatenated into one, then blocks.
            Path all = dir.resolve("all.om");
            try (var out = Files.newOutputStream(all)) {
                for (Path p : sets.values()) {
                    byte[] b = Files.readAllBytes(p);
                    int eof = indexOf(b, "# EOF\n".getBytes(StandardCharsets.US_ASCII));
                    out.write(b, 0, eof);
                }
                out.write("# EOF\n".getBytes(StandardCharsets.US_ASCII));
            }
            Path data = dir.resolve("prometheus-data");
            long t0 = System.nanoTime();
            Process promtool = new ProcessBuilder("/usr/bin/promtool", "tsdb", "create-blocks-from", "openmetrics",
                    all.toString(), data.toString()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("promtool.log").toFile()).start();
            assertTrue(promtool.waitFor(15, TimeUnit.MINUTES), "promtool did not finish");
            assertEquals(0, promtool.exitValue(), Files.readString(dir.resolve("promtool.log")));
            System.out.printf(Locale.ROOT, "BENCH promtool create-blocks-from openmetrics: %d ms%n",
                    (System.nanoTime() - t0) / 1_000_000);
            Files.delete(all);

            try (RemotePrometheus prom = RemotePrometheus.startOn("global:\n  scrape_interval: 1h\n", data,
                    "--storage.tsdb.retention.time=30d")) {
                awaitCompactionsSettled(prom);
                run(prom, queries(base, dayStart, manyStart));
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /**
     * Both servers compact blocks once a minute (Pharos may join the imported two-hour blocks,
     * Prometheus those of promtool): wait until neither counted a compaction for 70 s, so that
     * no compaction competes with the queries for the two cores.
     */
    static void awaitCompactionsSettled(RemotePrometheus prom) throws Exception {
        long end = System.nanoTime() + Duration.ofMinutes(8).toNanos();
        String last = compactions(prom);
        while (System.nanoTime() < end) {
            Thread.sleep(70_000);
            String now = compactions(prom);
            System.out.println("BENCH compactions (Pharos, Prometheus): " + now);
            if (now.equals(last)) {
                return;
            }
            last = now;
        }
    }

    private static final Pattern COMPACTIONS = Pattern.compile("(?m)^prometheus_tsdb_compactions_total(?:\\{\\})? (\\S+)$");

    static String compactions(RemotePrometheus prom) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (String url : new String[] {Http.server("/metrics"), prom.url("/metrics")}) {
            Matcher m = COMPACTIONS.matcher(body(url));
            sb.append(m.find() ? m.group(1) : "?").append(' ');
        }
        return sb.toString().trim();
    }

    static List<Query> queries(long base, long dayStart, long manyStart) {
        long tc = base + HOUR;
        long tm = manyStart + 60;
        StringBuilder or = new StringBuilder("count(");
        for (int j = 0; j < 10; j++) {
            if (j > 0) {
                or.append(" or ");
            }
            or.append("label_replace(bench_node_cpu_seconds_total{job=\"node").append(j)
                    .append("\"}, \"service\", \"svc").append(j).append("\", \"job\", \"(.*)\")");
        }
        or.append(')');
        String day = "&start=" + dayStart + "&end=" + (dayStart + 24 * HOUR - 60) + "&step=60";
        return List.of(
                new Query("vector(1) (per-request overhead)", instant("vector(1)", tc)),
                new Query("sum by (job) (rate) over 10k series", instant("sum by (job) (rate(bench_http_requests_total[5m]))", tc)),
                new Query("topk(10, rate) over 10k series", instant("topk(10, rate(bench_http_requests_total[5m]))", tc)),
                new Query("histogram_quantile over 1k buckets", instant(
                        "histogram_quantile(0.9, sum by (le) (rate(bench_request_duration_seconds_bucket[5m])))", tc)),
                new Query("24h range, 60s step, sum by rate", "/api/v1/query_range?query="
                        + enc("sum by (job) (rate(bench_node_cpu_seconds_total[5m]))") + day),
                new Query("regex selector over 100k series", instant("count(bench_up{instance=~\"host-1.*5\"})", tm)),
                new Query("10-way label_replace or, 24h range", "/api/v1/query_range?query=" + enc(or.toString()) + day));
    }

    static String instant(String q, long t) {
        return "/api/v1/query?query=" + enc(q) + "&time=" + t;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static final Pattern SERIES = Pattern.compile("\"metric\":");

    static void run(RemotePrometheus prom, List<Query> queries) throws Exception {
        Map<Query, long[][]> times = new LinkedHashMap<>();
        for (Query q : queries) {
            // Warm-up (JIT, page cache) and the same answer on both sides.
            String a = body(Http.server(q.path()));
            String b = body(prom.url(q.path()));
            assertEquals(count(b), count(a), q.name() + "\nPharos: " + head(a) + "\nPrometheus: " + head(b));
            assertTrue(count(a) > 0, q.name() + " has no result: " + head(a));
            // Warm-up: at least three more rounds, up to 30 while under 5 s, so the JIT has compiled
            // the query's paths as it has on a server that answers dashboards all day.
            long warmEnd = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            for (int w = 0; w < 30 && (w < 3 || System.nanoTime() < warmEnd); w++) {
                body(Http.server(q.path()));
                body(prom.url(q.path()));
            }
            times.put(q, new long[2][RUNS]);
        }
        for (int r = 0; r < RUNS; r++) {
            for (Query q : queries) {
                // Alternate who goes first, so that load on the shared machine hits both alike.
                for (int k = 0; k < 2; k++) {
                    int side = (r + k) % 2;
                    String url = side == 0 ? Http.server(q.path()) : prom.url(q.path());
                    long t0 = System.nanoTime();
                    body(url);
                    times.get(q)[side][r] = System.nanoTime() - t0;
                }
            }
        }
        System.out.println("BENCH PromQL vs Prometheus (" + RUNS + " runs each, median ms of the HTTP exchange)");
        System.out.printf(Locale.ROOT, "BENCH %-38s %10s %12s %8s%n", "query", "Pharos", "Prometheus", "ratio");
        for (Map.Entry<Query, long[][]> e : times.entrySet()) {
            double p = median(e.getValue()[0]) / 1e6;
            double m = median(e.getValue()[1]) / 1e6;
            System.out.printf(Locale.ROOT, "BENCH %-38s %10.1f %12.1f %8.2f%n", e.getKey().name(), p, m, p / m);
        }
    }

    static String body(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = Http.get(url, Duration.ofMinutes(3));
        assertEquals(200, r.statusCode(), url + ": " + r.body());
        return r.body();
    }

    static int count(String body) {
        Matcher m = SERIES.matcher(body);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    static String head(String s) {
        return s.length() > 400 ? s.substring(0, 400) + "..." : s;
    }

    static double median(long[] v) {
        long[] c = v.clone();
        Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2.0;
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = hay.length - needle.length; i >= 0; i--) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return hay.length;
    }

    // ------------------------------------------------------------------ data

    interface Body {
        void write(BufferedWriter w) throws IOException;
    }

    static Path write(Path file, Body body) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            body.write(w);
            w.write("# EOF\n");
        }
        return file;
    }

    /** A counter growing by {@code rate} per second, one sample per {@code interval} seconds. */
    static void counter(BufferedWriter w, String series, long from, long to, long interval, double rate) throws IOException {
        double v = 0;
        for (long t = from; t <= to; t += interval) {
            v += rate * interval;
            w.write(series);
            w.write(' ');
            w.write(fmt(v));
            w.write(' ');
            w.write(Long.toString(t));
            w.write('\n');
        }
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    static void counters(BufferedWriter w, long base) throws IOException {
        w.write("# TYPE bench_http_requests counter\n");
        for (int job = 0; job < 10; job++) {
            for (int i = 0; i < 1000; i++) {
                counter(w, "bench_http_requests_total{job=\"job" + job + "\",instance=\"host-" + i + ":9100\"}",
                        base, base + HOUR, 15, 1 + (i % 7));
            }
        }
    }

    static void buckets(BufferedWriter w, long base) throws IOException {
        w.write("# TYPE bench_request_duration_seconds_bucket gauge\n");
        for (int i = 0; i < 100; i++) {
            for (int b = 0; b < LE.length; b++) {
                counter(w, "bench_request_duration_seconds_bucket{instance=\"host-" + i + "\",le=\"" + LE[b] + "\"}",
                        base, base + HOUR, 15, b + 1);
            }
        }
    }

    static void day(BufferedWriter w, long dayStart) throws IOException {
        w.write("# TYPE bench_node_cpu_seconds counter\n");
        for (int i = 0; i < 1000; i++) {
            counter(w, "bench_node_cpu_seconds_total{job=\"node" + (i % 10) + "\",instance=\"host-" + i + "\"}",
                    dayStart, dayStart + 24 * HOUR - 60, 60, 1 + (i % 3));
        }
    }

    static void many(BufferedWriter w, long base) throws IOException {
        w.write("# TYPE bench_up gauge\n");
        List<String> ts = new ArrayList<>();
        for (long t = base; t <= base + 60; t += 15) {
            ts.add(" 1 " + t + "\n");
        }
        for (int i = 0; i < 100_000; i++) {
            String s = "bench_up{job=\"job" + (i % 100) + "\",instance=\"host-" + i + "\"}";
            for (String t : ts) {
                w.write(s);
                w.write(t);
            }
        }
    }
}
