package it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Throughput of the Pushgateway face over HTTP on the real server (figures printed, only
 * correctness asserted: the machine is shared): PUTs of a 50-series group from many concurrent
 * clients, each a batch job pushing to its own groups, and {@code GET /metrics} of 100,000
 * series. Every push is acknowledged only after its group commit, so the figure is of durable
 * pushes. Quick by default (32 clients, 3 s warm-up, 3 s measured): on a server that just
 * started, that figure is mostly the JIT compiling Liberty's request path (see the server CPU
 * per push it prints). The figure worth quoting needs a warm server:
 * {@code -Dpushgateway.bench.clients=64 -Dpushgateway.bench.warmup=60 -Dpushgateway.bench.seconds=15}.
 * Cleans up with a wipe.
 */
class PushgatewayBenchIT {

    private static final int CLIENTS = Integer.getInteger("pushgateway.bench.clients", 32);
    private static final int SECONDS = Integer.getInteger("pushgateway.bench.seconds", 3);
    private static final int WARMUP_SECONDS = Integer.getInteger("pushgateway.bench.warmup", 3);
    private static final int GROUPS_PER_CLIENT = 8;

    /** The server is up before the application is: wait for the Pushgateway face itself. */
    @BeforeAll
    static void awaitApplication() throws Exception {
        HttpResponse<String> r = Http.await(Http.push("/metrics"), x -> x.statusCode() == 200, Duration.ofMinutes(4));
        assertEquals(200, r == null ? -1 : r.statusCode(), "the Pushgateway face did not come up");
    }

    private static String body(String name, int series) {
        StringBuilder sb = new StringBuilder("# HELP " + name + " A value.\n# TYPE " + name + " gauge\n");
        for (int i = 0; i < series; i++) {
            sb.append(name).append("{series=\"s").append(i).append("\"} ").append(i).append('\n');
        }
        return sb.toString();
    }

    private static int put(String path, String body) throws Exception {
        return Http.send(HttpRequest.newBuilder(URI.create(Http.push(path)))
                .PUT(HttpRequest.BodyPublishers.ofString(body))).statusCode();
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "unknown";
        }
    }

    /**
     * CPU time (ms) the Liberty server process has used so far, from /proc (Linux), or -1: the
     * figure that does not depend on how busy the shared machine is.
     */
    private static long serverCpuMs() {
        try {
            Path pid = Path.of(System.getProperty("it.wlp.dir", "target/liberty/wlp"), "usr", "servers", ".pid",
                    System.getProperty("it.server.name", "pharos-it") + ".pid");
            String stat = Files.readString(Path.of("/proc", Files.readString(pid).trim(), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10; // utime + stime, 100 ticks/s
        } catch (Exception e) {
            return -1;
        }
    }

    /** Runs {@code clients} threads that each loop {@code step(client, n)} until the deadline. */
    private interface Step {
        boolean run(int client, int n) throws Exception;
    }

    private static long[] drive(int clients, long warmupEndNanos, long endNanos, Step step) throws InterruptedException {
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong latency = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < clients; t++) {
            int id = t;
            Thread th = new Thread(() -> {
                for (int n = 0; ; n++) {
                    long t0 = System.nanoTime();
                    if (t0 >= endNanos) {
                        return;
                    }
                    boolean good;
                    try {
                        good = step.run(id, n);
                    } catch (StopStep e) {
                        return;
                    } catch (Exception e) {
                        good = false;
                        if (failed.get() == 0) {
                            e.printStackTrace(System.out);
                        }
                    }
                    if (t0 >= warmupEndNanos) {
                        if (good) {
                            ok.incrementAndGet();
                            latency.addAndGet(System.nanoTime() - t0);
                        } else {
                            failed.incrementAndGet();
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
        return new long[] {ok.get(), failed.get(), latency.get()};
    }

    @Test
    void pushesPerSecondAndScrapeOf100kSeries() throws Exception {
        String body = body("bench_value", 50);
        long start = System.nanoTime();
        long warm = start + Duration.ofSeconds(WARMUP_SECONDS).toNanos();
        long end = warm + Duration.ofSeconds(SECONDS).toNanos();
        String before = load();
        long[] cpu = new long[1];
        Thread cpuAtWarm = new Thread(() -> {
            try {
                Thread.sleep(Math.max(0, (warm - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                return;
            }
            cpu[0] = serverCpuMs();
        });
        cpuAtWarm.start();
        long[] r = drive(CLIENTS, warm, end, (c, n) -> put("/metrics/job/bench/instance/c" + c + "-"
                + (n % GROUPS_PER_CLIENT), body) == 200);
        cpuAtWarm.join();
        long cpuMs = cpu[0] < 0 ? -1 : serverCpuMs() - cpu[0];
        System.out.printf("PUSHGATEWAY BENCH: %d clients (%d groups): %d durable pushes of 50 series in %d s = %.0f "
                + "pushes/s, mean latency %.1f ms, %d failed; server CPU %.3f ms per push (%.2f cores); "
                + "load average before %s, after %s%n", CLIENTS, CLIENTS * GROUPS_PER_CLIENT, r[0], SECONDS,
                r[0] / (double) SECONDS, r[2] / 1e6 / Math.max(1, r[0]), r[1], cpuMs / (double) Math.max(1, r[0]),
                cpuMs / 1000.0 / SECONDS, before, load());
        assertEquals(0, r[1]);
        assertTrue(r[0] > 0);

        // 1,000 groups of 100 series, pushed by 16 clients.
        String b100 = body("bench_big", 100);
        long[] big = drive(16, 0, Long.MAX_VALUE, (c, n) -> {
            int g = c + 16 * n;
            if (g >= 1000) {
                throw new StopStep();
            }
            return put("/metrics/job/big/instance/h" + g, b100) == 200;
        });
        assertEquals(1000, big[0], "every big group pushed");
        // Untimed first: on a server that just started, the first scrapes are the JIT's.
        for (int i = 0; i < 3; i++) {
            Http.getBytes(Http.push("/metrics"));
        }
        long best = Long.MAX_VALUE;
        int size = 0;
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            HttpResponse<byte[]> g = Http.getBytes(Http.push("/metrics"));
            best = Math.min(best, System.nanoTime() - t0);
            size = g.body().length;
        }
        System.out.printf("PUSHGATEWAY BENCH: GET /metrics with >100,000 series: best of 5 %.1f ms, %d bytes; "
                + "load average %s%n", best / 1e6, size, load());
        assertTrue(size > 100_000 * 30);
        assertEquals(202, Http.send(HttpRequest.newBuilder(URI.create(Http.push("/api/v1/admin/wipe")))
                .PUT(HttpRequest.BodyPublishers.noBody())).statusCode());
    }

    /** Ends one client's loop in {@link #drive} (a client that ran out of work). */
    private static final class StopStep extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }
}
