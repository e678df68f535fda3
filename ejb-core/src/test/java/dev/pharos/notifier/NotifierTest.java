package dev.pharos.notifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.pharos.config.ConfigLoader;
import dev.pharos.config.PrometheusConfig;
import dev.pharos.model.Labels;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The notifier against a local HTTP server standing in for an Alertmanager. */
class NotifierTest {

    HttpServer server;
    final List<String> bodies = Collections.synchronizedList(new ArrayList<>());
    final List<String> auth = Collections.synchronizedList(new ArrayList<>());
    volatile int status = 200;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            bodies.add(ex.getRequestMethod() + " " + ex.getRequestURI().getPath() + " "
                    + new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            auth.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    Notifier notifier(String alerting, int capacity) throws Exception {
        PrometheusConfig cfg = ConfigLoader.loadFromString("""
                global:
                  external_labels: {cluster: eu1, severity: none}
                alerting:
                """ + alerting.replace("PORT", String.valueOf(server.getAddress().getPort())), "prometheus.yml");
        Notifier n = new Notifier(capacity, NotifierMetrics.unregistered(), null);
        n.apply(cfg.alerting(), cfg.global().externalLabels());
        return n;
    }

    static NotifierAlert alert(String name, String severity) {
        return new NotifierAlert(Labels.of("alertname", name, "severity", severity), Labels.of("summary", "s"),
                1_700_000_000_000L, 1_700_000_240_000L, "http://pharos:9090/graph?g0.expr=up&g0.tab=1");
    }

    @Test
    void postsV2JsonWithExternalLabelsRelabelingAndAuth() throws Exception {
        Notifier n = notifier("""
                  alert_relabel_configs:
                  - source_labels: [alertname]
                    regex: Ignored
                    action: drop
                  alertmanagers:
                  - static_configs: [{targets: ['127.0.0.1:PORT']}]
                    path_prefix: /am
                    basic_auth: {username: u, password: p}
                """, 100);
        assertEquals(List.of("http://127.0.0.1:" + server.getAddress().getPort() + "/am/api/v2/alerts"),
                n.sets().get(0).activeUrls());
        n.send(List.of(alert("A", "page"), alert("Ignored", "page")));
        assertEquals(2, n.drain() + 1);
        assertEquals(1, bodies.size());
        assertEquals("POST /am/api/v2/alerts [{\"labels\":{\"alertname\":\"A\",\"cluster\":\"eu1\",\"severity\":\"page\"},"
                + "\"annotations\":{\"summary\":\"s\"},\"startsAt\":\"2023-11-14T22:13:20.000Z\","
                + "\"endsAt\":\"2023-11-14T22:17:20.000Z\",\"generatorURL\":\"http://pharos:9090/graph?g0.expr=up\\u0026g0.tab=1\"}]",
                bodies.get(0));
        assertEquals("Basic dTpw", auth.get(0));
    }

    @Test
    void batchesOf64AndQueueOverflowDropsTheOldest() throws Exception {
        Notifier n = notifier("""
                  alertmanagers:
                  - static_configs: [{targets: ['127.0.0.1:PORT']}]
                """, 100);
        List<NotifierAlert> many = new ArrayList<>();
        for (int i = 0; i < 130; i++) {
            many.add(alert("A" + i, "x"));
        }
        n.send(many);
        assertEquals(100, n.queueLength());
        assertEquals(100, n.drain());
        assertEquals(2, bodies.size());
        assertTrue(bodies.get(0).contains("\"A30\""), "the 30 oldest were dropped");
        assertTrue(!bodies.get(0).contains("\"A29\""));
        assertEquals(64, bodies.get(0).split("alertname").length - 1);
        assertEquals(36, bodies.get(1).split("alertname").length - 1);
    }

    @Test
    void failedPostIsCountedAndNotRetried() throws Exception {
        status = 500;
        Notifier n = notifier("""
                  alertmanagers:
                  - static_configs: [{targets: ['127.0.0.1:PORT']}]
                """, 100);
        n.send(List.of(alert("A", "x")));
        assertEquals(1, n.drain());
        assertEquals(0, n.queueLength());
        assertEquals(1, bodies.size());
    }

    @Test
    void everyAlertmanagerOfEverySetGetsTheBatchInParallel() throws Exception {
        Notifier n = notifier("""
                  alertmanagers:
                  - static_configs: [{targets: ['127.0.0.1:PORT', 'localhost:PORT']}]
                  - static_configs: [{targets: ['127.0.0.1:PORT']}]
                    path_prefix: /second
                """, 100);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            n.setExecutor(pool);
            n.send(List.of(alert("A", "x")));
            assertEquals(1, n.drain());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(3, bodies.size());
        assertEquals(1, bodies.stream().filter(b -> b.startsWith("POST /second/api/v2/alerts")).count());
    }
}
