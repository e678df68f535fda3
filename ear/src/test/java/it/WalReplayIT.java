package it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.model.Labels;
import dev.pharos.tsdb.Appender;
import dev.pharos.tsdb.Tsdb;
import dev.pharos.tsdb.TsdbOptions;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Start-up before the TSDB is open, on a second server: the faces answer at once, the server's
 * /-/ready and sample endpoints say 503 "Service Unavailable", /api/v1/status/walreplay says
 * where the replay is, and once the head is back the samples of the WAL are there.
 *
 * <p>To hold the open without depending on timing, the test itself opens the data directory's
 * TSDB first (as another process would, holding its lock) and writes three samples to its WAL;
 * the server waits for the lock, and replays that WAL when the test closes its TSDB.
 */
class WalReplayIT {

    private static final SecondServer SERVER = new SecondServer("pharos-walreplay");

    private static Path dataDir;
    /** The TSDB this test holds open (and so locked) until the test lets the server have it. */
    private static Tsdb holder;
    private static int httpPort;
    private static int pushPort;
    private static int alertPort;
    private static long sampleTime;

    @BeforeAll
    static void startServerOnALockedTsdb() throws Exception {
        dataDir = Files.createTempDirectory("pharos-walreplay");
        holder = Tsdb.open(dataDir.resolve("tsdb"), new TsdbOptions());
        sampleTime = System.currentTimeMillis() - 60_000;
        Appender a = holder.appender();
        Labels l = Labels.of("__name__", "replayed_metric", "job", "walreplay");
        for (int i = 0; i < 3; i++) {
            a.append(0, l, sampleTime + i * 1000L, 40 + i);
        }
        a.commit();
        holder.sync();

        httpPort = Processes.freePort();
        pushPort = Processes.freePort();
        alertPort = Processes.freePort();
        SERVER.create(httpPort, dataDir, Map.of(
                "pharos.push.port", String.valueOf(pushPort), "pharos.alert.port", String.valueOf(alertPort)));
        SERVER.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        releaseTsdb();
        SERVER.stop();
        ServerDirs.deleteTree(dataDir);
    }

    private static void releaseTsdb() throws IOException {
        if (holder != null) {
            holder.close();
            holder = null;
        }
    }

    private static String url(int port, String path) {
        return "http://localhost:" + port + path;
    }

    @Test
    void facesAnswerBeforeTheTsdbOpensAndTheWalComesBackAfter() throws Exception {
        HttpResponse<String> push = Http.await(url(pushPort, "/-/ready"), r -> r.statusCode() == 200,
                Duration.ofMinutes(3));
        assertNotNull(push, "the Pushgateway face did not start");
        HttpResponse<String> walreplay = Http.await(url(httpPort, "/api/v1/status/walreplay"),
                r -> r.statusCode() == 200, Duration.ofMinutes(2));
        assertNotNull(walreplay, "walreplay did not answer while the TSDB was locked");

        // The server waits for the lock: not ready, and it says so everywhere samples are needed.
        assertEquals(200, push.statusCode(), "the Pushgateway works before the TSDB opens");
        assertEquals(200, Http.get(url(alertPort, "/-/ready")).statusCode(), "the Alertmanager works before the TSDB opens");
        assertTrue(walreplay.body().contains("\"state\":\"waiting\""), walreplay.body());
        HttpResponse<String> ready = Http.get(url(httpPort, "/-/ready"));
        assertEquals(503, ready.statusCode(), ready.body());
        assertEquals("Service Unavailable", ready.body());
        String query = url(httpPort, "/api/v1/query?query=" + URLEncoder.encode("replayed_metric", StandardCharsets.UTF_8));
        HttpResponse<String> q = Http.get(query);
        assertEquals(503, q.statusCode(), q.body());
        assertEquals("Service Unavailable", q.body());
        assertEquals(503, Http.get(url(httpPort, "/api/v1/series?match[]=up")).statusCode());
        assertEquals(503, Http.get(url(httpPort, "/api/v1/status/tsdb")).statusCode());
        assertEquals(200, Http.get(url(httpPort, "/api/v1/status/buildinfo")).statusCode());

        releaseTsdb();
        HttpResponse<String> readyAfter = Http.await(url(httpPort, "/-/ready"), r -> r.statusCode() == 200,
                Duration.ofMinutes(1));
        assertNotNull(readyAfter, "not ready after the TSDB was released");
        assertEquals(200, readyAfter.statusCode(), readyAfter.body());
        String done = Http.get(url(httpPort, "/api/v1/status/walreplay")).body();
        assertTrue(done.contains("\"state\":\"done\""), done);
        String value = Http.get(query + "&time=" + (sampleTime + 2000) / 1000.0).body();
        assertTrue(value.contains("\"job\":\"walreplay\"") && value.contains("\"42\"]"), value);
    }
}
