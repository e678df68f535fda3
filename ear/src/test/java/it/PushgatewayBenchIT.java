package it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Throughput of the Pushgateway face over HTTP on the real server (figures printed, only
 * correctness asserted: the machine is shared): PUTs of a 50-series group from 4 clients, and
 * {@code GET /metrics} of 100,000 series. Cleans up with a wipe.
 */
class PushgatewayBenchIT {

    /** The server is up before the application is: wait for the Pushgateway face itself. */
    @org.junit.jupiter.api.BeforeAll
    static void awaitApplication() throws Exception {
        HttpResponse<String> r = Http.await(Http.push("/metrics"), x -> x.statusCode() == 200, Duration.ofMinutes(4));
        assertEquals(200, r == null ? -1 : r.statusCode(), "the Pushgateway face did not come up");
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void pushesPerSecondAndScrapeOf100kSeries() throws Exception {
        StringBuilder sb = new StringBuilder("# HELP bench_value A value.\n# TYPE bench_value gauge\n");
        for (int i = 0; i < 50; i++) {
            sb.append("bench_value{series=\"s").append(i).append("\"} ").append(i).append('\n');
        }
        String body = sb.toString();
        AtomicInteger ok = new AtomicInteger();
        AtomicLong other = new AtomicLong();
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int id = t;
            Thread th = new Thread(() -> {
                int n = 0;
                while (System.nanoTime() < end) {
                    try {
                        HttpResponse<Void> r = CLIENT.send(HttpRequest.newBuilder(URI.create(Http.push(
                                "/metrics/job/bench/instance/c" + id + "-" + (n++ % 100)))).PUT(
                                HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
                        if (r.statusCode() == 200) {
                            ok.incrementAndGet();
                        } else if (other.incrementAndGet() == 1) {
                            System.out.println("PUSHGATEWAY BENCH: first failure: " + r.statusCode());
                        }
                    } catch (Exception e) {
                        if (other.incrementAndGet() == 1) {
                            e.printStackTrace(System.out);
                        }
                    }
                }
            });
            th.start();
            threads.add(th);
        }
        for (Thread th : threads) {
            th.join();
        }
        System.out.printf("PUSHGATEWAY BENCH: %d pushes of 50 series in 10 s = %.0f pushes/s (%d failed)%n",
                ok.get(), ok.get() / 10.0, other.get());
        assertEquals(0, other.get());

        StringBuilder b100 = new StringBuilder("# HELP bench_big A value.\n# TYPE bench_big gauge\n");
        for (int i = 0; i < 100; i++) {
            b100.append("bench_big{series=\"s").append(i).append("\"} ").append(i).append('\n');
        }
        for (int g = 0; g < 1000; g++) {
            assertEquals(200, Http.send(HttpRequest.newBuilder(URI.create(Http.push("/metrics/job/big/instance/h" + g)))
                    .PUT(HttpRequest.BodyPublishers.ofString(b100.toString()))).statusCode());
        }
        long best = Long.MAX_VALUE;
        int size = 0;
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            HttpResponse<byte[]> r = CLIENT.send(HttpRequest.newBuilder(URI.create(Http.push("/metrics"))).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            best = Math.min(best, System.nanoTime() - t0);
            size = r.body().length;
        }
        System.out.printf("PUSHGATEWAY BENCH: GET /metrics with >100,000 series: best of 5 %.1f ms, %d bytes%n",
                best / 1e6, size);
        assertTrue(size > 100_000 * 30);
        assertEquals(202, Http.send(HttpRequest.newBuilder(URI.create(Http.push("/api/v1/admin/wipe")))
                .PUT(HttpRequest.BodyPublishers.noBody())).statusCode());
    }
}
