package dev.pharos.alertmanager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.pharos.alertmanager.api.AlertmanagerApi;
import dev.pharos.alertmanager.config.AlertmanagerConfig;
import dev.pharos.alertmanager.config.ConfigLoader;
import dev.pharos.alertmanager.notify.InMemoryNotificationLogStore;
import dev.pharos.alertmanager.notify.JdkHttpTransport;
import dev.pharos.alertmanager.notify.RetryPolicy;
import dev.pharos.alertmanager.silence.InMemorySilenceStore;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The wired engine sending a real webhook over HTTP to a local server; and configuration reload. */
class AlertmanagerEngineTest {

    HttpServer server;
    final List<String> bodies = new CopyOnWriteArrayList<>();
    final List<String> auth = new CopyOnWriteArrayList<>();
    int status = 200;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", ex -> {
            bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            auth.add(ex.getRequestHeaders().getFirst("Authorization"));
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    String config(String receiver) {
        return """
                route:
                  receiver: %s
                  group_by: [alertname]
                  group_wait: 10s
                receivers:
                  - name: hook
                    webhook_configs:
                      - url: http://127.0.0.1:%d/hook
                        http_config:
                          basic_auth: {username: am, password: pw}
                  - name: other
                    webhook_configs:
                      - url: http://127.0.0.1:%d/hook
                        http_config:
                          authorization: {credentials: tok}
                """.formatted(receiver, server.getAddress().getPort(), server.getAddress().getPort());
    }

    AlertmanagerEngine engine(MutableClock clock, String receiver) {
        return new AlertmanagerEngine(ConfigLoader.load(config(receiver)), new AlertmanagerEngine.Dependencies(clock,
                new InMemorySilenceStore(), new InMemoryNotificationLogStore(), (t, d) -> t, m -> { },
                JdkHttpTransport::new, new RetryPolicy(2, Duration.ofMillis(1), 2, Duration.ofMillis(1), d -> { }),
                "http://am.example", new AlertmanagerApi.VersionInfo("0.27.0", "", "", "", "", "")));
    }

    @Test
    void webhookOverHttpWithBasicAuth() {
        MutableClock clock = MutableClock.at("2024-01-01T00:00:00Z");
        AlertmanagerEngine e = engine(clock, "hook");
        e.api().postAlerts(Json.parse("[{\"labels\":{\"alertname\":\"A\"}}]"));
        clock.advance(Duration.ofSeconds(10));
        assertEquals(1, e.tick());
        assertEquals(1, bodies.size());
        assertTrue(bodies.get(0).startsWith("{\"receiver\":\"hook\",\"status\":\"firing\""), bodies.get(0));
        assertEquals("Basic YW06cHc=", auth.get(0));
        assertEquals(1, e.metrics().notificationsTotal("webhook"));
    }

    @Test
    void serverErrorsAreRetriedThenCounted() {
        status = 503;
        MutableClock clock = MutableClock.at("2024-01-01T00:00:00Z");
        AlertmanagerEngine e = engine(clock, "hook");
        e.api().postAlerts(Json.parse("[{\"labels\":{\"alertname\":\"A\"}}]"));
        clock.advance(Duration.ofSeconds(10));
        e.tick();
        assertEquals(2, bodies.size(), "two attempts");
        assertEquals(1, e.metrics().notificationsFailedTotal("webhook", "serverError"));
    }

    @Test
    void reloadRegroupsUnderTheNewTree() {
        MutableClock clock = MutableClock.at("2024-01-01T00:00:00Z");
        AlertmanagerEngine e = engine(clock, "hook");
        e.api().postAlerts(Json.parse("[{\"labels\":{\"alertname\":\"A\"}}]"));
        AlertmanagerConfig next = ConfigLoader.load(config("other"));
        e.applyConfig(next);
        clock.advance(Duration.ofSeconds(10));
        e.tick();
        assertEquals(1, bodies.size());
        assertEquals("Bearer tok", auth.get(0));
        assertTrue(bodies.get(0).contains("\"receiver\":\"other\""));
    }

    @Test
    void secretHiddenConfig() throws Exception {
        AlertmanagerConfig c = ConfigLoader.load(config("hook") + """
                global:
                  slack_api_url: 'https://hooks.slack.com/services/x'
                  smtp_auth_password: mysecret
                """);
        String shown = c.secretHiddenYaml();
        assertFalse(shown.contains("pw") || shown.contains("tok") || shown.contains("mysecret")
                || shown.contains("hooks.slack.com") || shown.contains("/hook"), shown);
        assertTrue(shown.contains("password: <secret>"), shown);
        assertTrue(c.original().contains("password: pw"));
    }
}
