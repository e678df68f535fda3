package it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.model.Labels;
import dev.pharos.remote.WriteRequestEncoder;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

/**
 * Crash safety: a second Liberty server (made from the IT server's configuration, own ports and
 * data directory) takes heavy remote-write ingestion and is killed with SIGKILL in the middle
 * of it, then restarted.
 *
 * <p>The guarantee checked: every sample acknowledged (HTTP 204) at least {@value #SYNC_GRACE_MS}
 * ms before the kill survives the crash, because the WAL is fsync-ed every second (the storage's
 * sync interval) and replayed at start. Samples acknowledged in the last ~second before a crash
 * may be lost; that is the documented window, as with Prometheus's default WAL settings.
 */
class CrashIT {

    private static final SecondServer SERVER = new SecondServer("pharos-crash");
    static final long SYNC_GRACE_MS = 2000;
    private static final int SERIES = 500;

    private static Path dataDir;
    private static int httpPort;
    private static int pushPort;

    @BeforeAll
    static void startServer() throws Exception {
        httpPort = Processes.freePort();
        pushPort = Processes.freePort();
        dataDir = Files.createTempDirectory("pharos-crash");
        SERVER.create(httpPort, dataDir, Map.of("pharos.push.port", String.valueOf(pushPort)));
        startAndAwaitReady();
    }

    private static void startAndAwaitReady() throws Exception {
        SERVER.start();
        HttpResponse<String> ready = Http.await(base("/-/ready"), r -> r.statusCode() == 200, Duration.ofMinutes(3));
        assertNotNull(ready, "crash server did not answer");
        assertEquals(200, ready.statusCode(), ready.body());
    }

    @AfterAll
    static void stopServer() throws Exception {
        SERVER.stop();
        if (dataDir != null) {
            ServerDirs.deleteTree(dataDir);
        }
    }

    private static String base(String path) {
        return "http://localhost:" + httpPort + path;
    }

    /** Kills the server's JVM with SIGKILL and waits until it is gone; returns the wall time of the kill. */
    private static long killMinus9() throws Exception {
        ProcessHandle jvm = SERVER.jvm();
        long killedAt = System.currentTimeMillis();
        jvm.destroyForcibly();
        jvm.onExit().get();
        return killedAt;
    }

    @Test
    void acknowledgedSamplesSurviveKillMinus9() throws Exception {
        String run = String.valueOf(System.nanoTime());
        Labels[] labels = new Labels[SERIES];
        for (int i = 0; i < SERIES; i++) {
            labels[i] = Labels.of("__name__", "crash_test", "run", run, "s", String.valueOf(i));
        }
        long base = System.currentTimeMillis() - 600_000;
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        // batchAckedAt[k]: wall time at which batch k (timestamp base + k*100) was acknowledged.
        long[] batchAckedAt = new long[100_000];
        AtomicLong acked = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            WriteRequestEncoder enc = new WriteRequestEncoder();
            for (int k = 0; k < batchAckedAt.length && !stop.get(); k++) {
                enc.reset();
                long t = base + k * 100L;
                for (Labels l : labels) {
                    enc.add(l, t, k);
                }
                try {
                    HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create(base("/api/v1/write")))
                                    .header("Content-Encoding", "snappy")
                                    .timeout(Duration.ofSeconds(10))
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(Snappy.compress(enc.finish()))).build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (r.statusCode() != 204) {
                        return;
                    }
                    batchAckedAt[k] = System.currentTimeMillis();
                    acked.set(k + 1);
                } catch (IOException | InterruptedException e) {
                    return; // the server died
                }
            }
        }, "crash-writer");
        writer.start();
        long deadline = System.currentTimeMillis() + 60_000;
        while (acked.get() < 100 && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(3000); // keep ingesting for a while so that WAL syncs happen during the load
        assertTrue(acked.get() >= 100, "ingestion too slow: " + acked.get() + " batches");

        long killedAt = killMinus9();
        stop.set(true);
        writer.join(20_000);
        long total = acked.get();
        int mustHave = 0;
        while (mustHave < total && batchAckedAt[mustHave] <= killedAt - SYNC_GRACE_MS) {
            mustHave++;
        }
        assertTrue(mustHave > 0, "no batch acknowledged 2 s before the kill");

        startAndAwaitReady();
        String wal = Http.get(base("/api/v1/status/walreplay")).body();
        assertTrue(wal.contains("\"state\":\"done\""), wal);

        long at = (base + 3_000_000) / 1000; // after every written timestamp, within the 1h window
        String expr = "count_over_time(crash_test{run=\"" + run + "\"}[1h])";
        String body = Http.get(base("/api/v1/query?time=" + at + "&query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8))).body();
        Matcher m = Pattern.compile("\"s\":\"(\\d+)\"\\},\"value\":\\[[^,]+,\"(\\d+)\"\\]").matcher(body);
        int seen = 0;
        int minCount = Integer.MAX_VALUE;
        while (m.find()) {
            seen++;
            minCount = Math.min(minCount, Integer.parseInt(m.group(2)));
        }
        assertEquals(SERIES, seen, "every series is back after the crash: " + body.substring(0, Math.min(500, body.length())));
        assertTrue(minCount >= mustHave, "acknowledged >= 2 s before the kill: " + mustHave + " batches of "
                + total + " acknowledged; the poorest series has " + minCount);
        System.out.printf("CrashIT: %d batches x %d series acknowledged, %d were older than %d ms at the kill; "
                + "after restart every series has >= %d samples%n", total, SERIES, mustHave, SYNC_GRACE_MS, minCount);
    }

    /**
     * The Pushgateway acknowledges a push only once it is stored: every push answered 200 before
     * a kill -9 is there after the restart (with its value or a later one), none lost to a
     * database write delay.
     */
    @Test
    void acknowledgedPushesSurviveKillMinus9() throws Exception {
        String run = String.valueOf(System.nanoTime());
        int groups = 8;
        long[] ackedValue = new long[groups];
        java.util.Arrays.fill(ackedValue, -1);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong pushes = new AtomicLong();
        java.util.concurrent.atomic.AtomicReference<String> firstRefusal = new java.util.concurrent.atomic.AtomicReference<>();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Thread[] pushers = new Thread[groups];
        for (int g = 0; g < groups; g++) {
            int group = g;
            pushers[g] = new Thread(() -> {
                String url = "http://localhost:" + pushPort + "/metrics/job/crash_" + run + "/instance/" + group;
                for (long v = 0; !stop.get(); v++) {
                    String body = "# TYPE crash_push gauge\ncrash_push " + v + "\n";
                    try {
                        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(10)).PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200) {
                            firstRefusal.compareAndSet(null, r.statusCode() + " " + r.body());
                            return;
                        }
                        ackedValue[group] = v;
                        pushes.incrementAndGet();
                    } catch (IOException | InterruptedException e) {
                        firstRefusal.compareAndSet(null, e.toString());
                        return; // the server died
                    }
                }
            }, "crash-pusher-" + g);
            pushers[g].start();
        }
        long deadline = System.currentTimeMillis() + 60_000;
        while (pushes.get() < 200 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(1000);
        killMinus9();
        stop.set(true);
        for (Thread t : pushers) {
            t.join(20_000);
        }
        long[] mustHave = ackedValue.clone(); // stable now: every pusher has stopped
        assertTrue(pushes.get() >= 200, "pushes too slow: " + pushes.get() + "; first refusal: " + firstRefusal.get());

        startAndAwaitReady();
        HttpResponse<String> metrics = Http.await("http://localhost:" + pushPort + "/metrics",
                r -> r.statusCode() == 200, Duration.ofMinutes(1));
        assertNotNull(metrics, "the Pushgateway did not answer after the restart");
        for (int g = 0; g < groups; g++) {
            Matcher m = Pattern.compile("crash_push\\{instance=\"" + g + "\",job=\"crash_" + run + "\"\\} (\\d+)")
                    .matcher(metrics.body());
            assertTrue(m.find(), "group " + g + " is back after the crash");
            long stored = Long.parseLong(m.group(1));
            assertTrue(stored >= mustHave[g], "group " + g + ": value " + mustHave[g]
                    + " was acknowledged before the kill, the restarted Pushgateway has " + stored);
        }
        System.out.printf("CrashIT: %d pushes acknowledged before the kill; all %d groups kept their last acknowledged value%n",
                pushes.get(), groups);
    }
}
