package it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The notification log survives a restart: a second Liberty server (own ports, data directory
 * with its H2 database, own alertmanager.yml) notifies a webhook once, is stopped and started
 * again, and gets the same alert again (as Prometheus keeps re-sending firing alerts). Within
 * repeat_interval nothing must be sent again, because the log of what went out is in the
 * database, not in memory. A new alert in the same group afterwards is sent, which shows the
 * restarted dispatcher works and that it was the log that held the repeat back.
 */
class AlertmanagerRestartIT {

    private static final SecondServer SERVER = new SecondServer("pharos-am-restart");

    private static final BlockingQueue<String> RECEIVED = new LinkedBlockingQueue<>();
    private static HttpServer hook;
    private static Path dir;
    private static int alertPort;

    @BeforeAll
    static void startServer() throws Exception {
        hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/hook", ex -> {
            RECEIVED.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        hook.start();
        dir = Files.createTempDirectory("pharos-am-restart");
        Path amConfig = dir.resolve("alertmanager.yml");
        Files.writeString(amConfig, """
                route:
                  receiver: hook
                  group_by: [alertname]
                  group_wait: 1s
                  group_interval: 2s
                  repeat_interval: 1h
                receivers:
                  - name: hook
                    webhook_configs:
                      - url: 'http://127.0.0.1:%d/hook'
                """.formatted(hook.getAddress().getPort()));
        alertPort = Processes.freePort();
        SERVER.create(Processes.freePort(), dir.resolve("data"), java.util.Map.of(
                "pharos.alert.port", String.valueOf(alertPort),
                "pharos.alertmanager.config.file", amConfig.toString()));
        start();
    }

    private static void start() throws Exception {
        SERVER.start();
        HttpResponse<String> ready = Http.await(am("/api/v2/status"), r -> r.statusCode() == 200,
                Duration.ofMinutes(3));
        assertNotNull(ready, "restart server did not answer");
        assertEquals(200, ready.statusCode(), ready.body());
    }

    private static void stop() throws InterruptedException {
        SERVER.stop();
    }

    @AfterAll
    static void stopServer() throws Exception {
        stop();
        if (hook != null) {
            hook.stop(0);
        }
        if (dir != null) {
            ServerDirs.deleteTree(dir);
        }
    }

    private static String am(String path) {
        return "http://localhost:" + alertPort + path;
    }

    private static void post(String instance, Instant startsAt) throws Exception {
        String body = "[{\"labels\":{\"alertname\":\"RestartMe\",\"instance\":\"" + instance + "\"},"
                + "\"startsAt\":\"" + startsAt + "\"}]";
        HttpResponse<String> r = Http.post(am("/api/v2/alerts"), "application/json", body);
        assertEquals(200, r.statusCode(), r.body());
    }

    @Test
    void aRestartDoesNotResendWhatWasAlreadyNotified() throws Exception {
        Instant startsAt = Instant.now().minusSeconds(30);
        post("a:1", startsAt);
        String first = RECEIVED.poll(20, TimeUnit.SECONDS);
        assertNotNull(first, "first notification");
        assertTrue(first.contains("\"instance\":\"a:1\""), first);

        stop();
        start();
        // Prometheus re-sends the still-firing alert to the restarted Alertmanager.
        post("a:1", startsAt);
        // group_wait 1s, then a flush every 2s: four flushes pass in 9 s; none may send.
        String repeated = RECEIVED.poll(9, TimeUnit.SECONDS);
        assertNull(repeated, "re-sent after restart within repeat_interval: " + repeated);

        // A new alert in the group changes the firing set: that one is sent, with both alerts.
        post("b:1", startsAt);
        String update = RECEIVED.poll(20, TimeUnit.SECONDS);
        assertNotNull(update, "the restarted dispatcher sends a changed group");
        assertTrue(update.contains("\"instance\":\"a:1\"") && update.contains("\"instance\":\"b:1\""), update);
    }
}
