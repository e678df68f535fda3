package it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.model.Labels;
import dev.pharos.tsdb.Appender;
import dev.pharos.tsdb.Tsdb;
import dev.pharos.tsdb.TsdbOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Start-up while the WAL replays, on a second server: the faces answer at once, the server's
 * /-/ready and sample endpoints say 503 "Service Unavailable", /api/v1/status/walreplay shows
 * the replay in progress, and once it is done the replayed samples are there.
 *
 * <p>To hold the replay open without depending on timing, the WAL's first segment is a named
 * pipe: the replay blocks reading it until the test writes the segment's bytes into it.
 */
class WalReplayIT {

    private static final Path WLP = Paths.get(System.getProperty("it.wlp.dir", "target/liberty/wlp"));
    private static final String IT_SERVER = System.getProperty("it.server.name", "pharos-it");
    private static final String NAME = "pharos-walreplay";

    private static Path dataDir;
    private static Path fifo;
    private static volatile boolean fed;
    /** The WAL segment the pipe hands to the replay. */
    private static byte[] feeder;
    private static int httpPort;
    private static int pushPort;
    private static int alertPort;
    private static long sampleTime;

    @BeforeAll
    static void startServerOnABlockedWal() throws Exception {
        dataDir = Files.createTempDirectory("pharos-walreplay");
        byte[] segment = walWithSamples(dataDir.resolve("source"));
        Path wal = Files.createDirectories(dataDir.resolve("data/tsdb/wal"));
        fifo = wal.resolve("00000000");
        Processes.run("mkfifo", fifo.toString());
        feeder = segment;

        httpPort = Processes.freePort();
        pushPort = Processes.freePort();
        alertPort = Processes.freePort();
        Path server = WLP.resolve("usr/servers").resolve(NAME);
        ServerDirs.deleteTree(server);
        ServerDirs.copyConfig(WLP.resolve("usr/servers").resolve(IT_SERVER), server);
        ServerDirs.writeVariables(server, httpPort, dataDir.resolve("data"), Map.of(
                "pharos.push.port", String.valueOf(pushPort), "pharos.alert.port", String.valueOf(alertPort)));
        Processes.run(Duration.ofMinutes(3), Map.of(), WLP.resolve("bin/server").toString(), "start", NAME);
    }

    /** A WAL with three samples of one series, written by the engine; returns its segment bytes. */
    private static byte[] walWithSamples(Path dir) throws IOException {
        sampleTime = System.currentTimeMillis() - 60_000;
        try (Tsdb db = Tsdb.open(dir, new TsdbOptions())) {
            Appender a = db.appender();
            Labels l = Labels.of("__name__", "replayed_metric", "job", "walreplay");
            for (int i = 0; i < 3; i++) {
                a.append(0, l, sampleTime + i * 1000L, 40 + i);
            }
            a.commit();
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try (Stream<Path> segs = Files.list(dir.resolve("wal"))) {
            List<Path> sorted = segs.filter(p -> p.getFileName().toString().matches("\\d{8}")).sorted().toList();
            for (Path p : sorted) {
                all.write(Files.readAllBytes(p)); // records are self-delimiting: one segment holds them all
            }
        }
        return all.toByteArray();
    }

    /** Writes the segment into the pipe (the blocked replay reads it to its end). */
    private static synchronized void feed() throws IOException {
        if (fed) {
            return;
        }
        fed = true;
        try (OutputStream out = Files.newOutputStream(fifo, StandardOpenOption.WRITE)) {
            out.write(feeder);
        }
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (!fed) {
            // A failed test must not leave the replay blocked: the server's stop waits for the open.
            Thread t = new Thread(() -> {
                try {
                    feed();
                } catch (IOException e) {
                    // nobody reading: nothing to unblock
                }
            });
            t.setDaemon(true);
            t.start();
            t.join(10_000);
        }
        try {
            Processes.run(WLP.resolve("bin/server").toString(), "stop", NAME);
        } catch (IOException e) {
            // already down
        }
        ServerDirs.deleteTree(dataDir);
    }

    private static String url(int port, String path) {
        return "http://localhost:" + port + path;
    }

    @Test
    void facesAnswerDuringTheReplayAndSamplesComeBackAfterIt() throws Exception {
        HttpResponse<String> push = Http.await(url(pushPort, "/-/ready"), r -> r.statusCode() == 200,
                Duration.ofMinutes(3));
        assertNotNull(push, "the Pushgateway face did not start");
        HttpResponse<String> walreplay = Http.await(url(httpPort, "/api/v1/status/walreplay"),
                r -> r.statusCode() == 200, Duration.ofMinutes(2));
        assertNotNull(walreplay, "walreplay did not answer while the replay was blocked");

        // The replay is blocked in segment 0: not ready, and it says so everywhere.
        assertEquals(200, push.statusCode(), "the Pushgateway works during the replay");
        assertEquals(200, Http.get(url(alertPort, "/-/ready")).statusCode(), "the Alertmanager works during the replay");
        assertTrue(walreplay.body().contains("\"state\":\"in progress\""), walreplay.body());
        assertTrue(walreplay.body().contains("\"current\":0"), walreplay.body());
        HttpResponse<String> ready = Http.get(url(httpPort, "/-/ready"));
        assertEquals(503, ready.statusCode(), ready.body());
        assertEquals("Service Unavailable", ready.body());
        String query = url(httpPort, "/api/v1/query?query=" + URLEncoder.encode("replayed_metric", StandardCharsets.UTF_8));
        HttpResponse<String> q = Http.get(query);
        assertEquals(503, q.statusCode(), q.body());
        assertEquals("Service Unavailable", q.body());
        assertEquals(503, Http.get(url(httpPort, "/api/v1/series?match[]=up")).statusCode());
        assertEquals(200, Http.get(url(httpPort, "/api/v1/status/buildinfo")).statusCode());

        feed();
        HttpResponse<String> readyAfter = Http.await(url(httpPort, "/-/ready"), r -> r.statusCode() == 200,
                Duration.ofMinutes(1));
        assertNotNull(readyAfter, "not ready after the replay");
        assertEquals(200, readyAfter.statusCode(), readyAfter.body());
        String done = Http.get(url(httpPort, "/api/v1/status/walreplay")).body();
        assertTrue(done.contains("\"state\":\"done\""), done);
        String value = Http.get(query + "&time=" + (sampleTime + 2000) / 1000.0).body();
        assertTrue(value.contains("\"job\":\"walreplay\"") && value.contains("\"42\"]"), value);
    }
}
