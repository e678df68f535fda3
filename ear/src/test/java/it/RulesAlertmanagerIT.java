package it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Rules and alerting through the real server and the real Alertmanager (Debian's
 * prometheus-alertmanager, started here on a free port): a rule file and the Alertmanager's
 * address are written into the IT config folder, Pharos reloads, the alert goes pending, fires
 * and reaches the Alertmanager (checked on its API v2 and on a webhook receiver made here),
 * then the rule changes so that the alert resolves and the Alertmanager gets the end time.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RulesAlertmanagerIT {

    private static final Path CONFIG = Paths.get(System.getProperty("it.config.dir", "target/it-config"));
    private static final Path RULES = CONFIG.resolve("rules");
    private static final Path AMS = CONFIG.resolve("alertmanagers");

    private static Process alertmanager;
    private static Path amDir;
    private static int amPort;
    private static HttpServer webhook;
    private static final List<String> notifications = new CopyOnWriteArrayList<>();

    private static final String RULE = """
            groups:
              - name: it-alerts
                interval: 1s
                rules:
                  - record: it:answer
                    expr: vector(42)
                    labels: {source: it}
                  - alert: ItAnswer
                    expr: it:answer EXPR
                    for: 2s
                    labels:
                      severity: page
                      copied: '{{ $labels.source }}'
                    annotations:
                      summary: 'answer is {{ $value }} in {{ $externalLabels.env }}'
              - name: it-more
                interval: 1s
                rules:
                  - record: it:more
                    expr: vector(1)
            """;

    @BeforeAll
    static void start() throws Exception {
        Path bin = Processes.firstExisting(List.of(Paths.get("/usr/bin/prometheus-alertmanager"),
                Paths.get("/usr/bin/alertmanager")));
        assertNotNull(bin, "Alertmanager not installed: run .ci/install-peers (apt package prometheus-alertmanager)");
        webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/hook", ex -> {
            notifications.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        webhook.start();
        amDir = Files.createTempDirectory("pharos-it-am");
        Files.writeString(amDir.resolve("alertmanager.yml"), """
                route:
                  receiver: hook
                  group_by: [alertname]
                  group_wait: 0s
                  group_interval: 1s
                  repeat_interval: 1h
                receivers:
                  - name: hook
                    webhook_configs:
                      - url: http://127.0.0.1:%d/hook
                        send_resolved: true
                """.formatted(webhook.getAddress().getPort()));
        amPort = Processes.freePort();
        alertmanager = new ProcessBuilder(bin.toString(),
                "--config.file=" + amDir.resolve("alertmanager.yml"),
                "--storage.path=" + amDir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + amPort,
                "--cluster.listen-address=")
                .redirectErrorStream(true).redirectOutput(amDir.resolve("am.log").toFile()).start();
        HttpResponse<String> ready = Http.await("http://127.0.0.1:" + amPort + "/-/ready",
                r -> r.statusCode() == 200, Duration.ofSeconds(30));
        assertNotNull(ready, "Alertmanager did not start: " + log());
        HttpResponse<String> up = Http.await(Http.server("/-/ready"), r -> r.statusCode() == 200, Duration.ofSeconds(180));
        assertNotNull(up, "Pharos is not ready");
        Files.createDirectories(RULES);
        Files.createDirectories(AMS);
        Files.writeString(AMS.resolve("am.json"), "[{\"targets\": [\"127.0.0.1:" + amPort + "\"]}]");
    }

    private static String log() {
        try {
            return Files.readString(amDir.resolve("am.log"));
        } catch (Exception e) {
            return "";
        }
    }

    @AfterAll
    static void stop() throws Exception {
        Files.deleteIfExists(RULES.resolve("it.yml"));
        Files.deleteIfExists(AMS.resolve("am.json"));
        reload();
        if (alertmanager != null) {
            alertmanager.destroy();
            if (!alertmanager.waitFor(10, TimeUnit.SECONDS)) {
                alertmanager.destroyForcibly();
            }
        }
        if (webhook != null) {
            webhook.stop(0);
        }
    }

    private static HttpResponse<String> reload() throws Exception {
        return Http.post(Http.server("/-/reload"), "text/plain", "");
    }

    @Test
    @Order(1)
    void badRuleFileIsRefusedAndKeepsOldRules() throws Exception {
        Files.writeString(RULES.resolve("it.yml"), RULE.replace("EXPR", "> 0"));
        assertEquals(200, reload().statusCode());
        Files.writeString(RULES.resolve("bad.yml"), "groups:\n  - name: bad\n    rules:\n      - record: x\n");
        HttpResponse<String> r = reload();
        Files.delete(RULES.resolve("bad.yml"));
        assertTrue(r.statusCode() >= 400, "bad rule file refused: " + r.statusCode());
        assertTrue(r.body().contains("field 'expr' must be set in rule"), r.body());
        HttpResponse<String> rules = Http.get(Http.server("/api/v1/rules"));
        assertTrue(rules.body().contains("\"name\":\"it-alerts\""), rules.body());
        assertEquals(200, reload().statusCode());
    }

    @Test
    @Order(2)
    void alertFiresAndReachesTheAlertmanager() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        HttpResponse<String> pending = Http.await(Http.server("/api/v1/alerts"),
                r -> r.body().contains("\"state\":\"pending\"") || r.body().contains("\"state\":\"firing\""),
                Duration.ofSeconds(30));
        assertTrue(pending.body().contains("\"alertname\":\"ItAnswer\""), pending.body());
        HttpResponse<String> firing = Http.await(Http.server("/api/v1/alerts"),
                r -> r.body().contains("\"state\":\"firing\""), Duration.ofSeconds(30));
        assertTrue(firing.body().contains("\"value\":\"4.2e+01\""), firing.body());

        HttpResponse<String> am = Http.await("http://127.0.0.1:" + amPort + "/api/v2/alerts",
                r -> r.body().contains("ItAnswer"), Duration.ofSeconds(30));
        String body = am.body();
        assertTrue(body.contains("\"alertname\":\"ItAnswer\""), body);
        assertTrue(body.contains("\"severity\":\"page\""), body);
        assertTrue(body.contains("\"copied\":\"it\""), body);
        assertTrue(body.contains("\"env\":\"it\""), "external labels attached: " + body);
        assertTrue(body.contains("\"summary\":\"answer is 42 in it\""), body);
        assertTrue(body.contains("\"state\":\"active\""), body);
        assertTrue(body.contains("/graph?g0.expr="), body);
        Instant startsAt = Instant.parse(field(body, "startsAt"));
        assertTrue(!startsAt.isBefore(before.minusSeconds(5)) && startsAt.isBefore(Instant.now()), "startsAt " + startsAt);

        assertTrue(awaitNotification("\"status\":\"firing\""), "webhook got the firing alert: " + notifications);

        HttpResponse<String> ams = Http.get(Http.server("/api/v1/alertmanagers"));
        assertTrue(ams.body().contains("\"url\":\"http://127.0.0.1:" + amPort + "/api/v2/alerts\""), ams.body());
        HttpResponse<String> rules = Http.get(Http.server("/api/v1/rules?type=alert"));
        assertTrue(rules.body().contains("\"type\":\"alerting\"") && !rules.body().contains("\"type\":\"recording\""),
                rules.body());
        assertTrue(rules.body().contains("\"health\":\"ok\""), rules.body());
        HttpResponse<String> page1 = Http.get(Http.server("/api/v1/rules?group_limit=1"));
        Matcher tok = Pattern.compile("\"groupNextToken\":\"([0-9a-f]+)\"").matcher(page1.body());
        assertTrue(tok.find() && page1.body().contains("\"name\":\"it-alerts\"")
                && !page1.body().contains("it-more"), page1.body());
        HttpResponse<String> page2 = Http.get(Http.server("/api/v1/rules?group_limit=1&group_next_token=" + tok.group(1)));
        assertTrue(page2.body().contains("\"name\":\"it-more\"") && !page2.body().contains("groupNextToken"),
                page2.body());
        HttpResponse<String> byName = Http.get(Http.server("/api/v1/rules?rule_name%5B%5D=it%3Amore&exclude_alerts=true"));
        assertTrue(byName.body().contains("it:more") && !byName.body().contains("ItAnswer"), byName.body());
        assertEquals(400, Http.get(Http.server("/api/v1/rules?type=bogus")).statusCode());
        String metrics = Http.get(Http.server("/metrics")).body();
        for (String m : List.of("prometheus_notifications_sent_total{alertmanager=\"http://127.0.0.1:" + amPort
                + "/api/v2/alerts\"}", "prometheus_notifications_queue_length", "prometheus_notifications_dropped_total",
                "prometheus_rule_group_iterations_missed_total{rule_group=\"", "prometheus_rule_evaluations_total")) {
            assertTrue(metrics.contains(m), m + " in /metrics");
        }
        HttpResponse<String> alertsSeries = Http.get(Http.server("/api/v1/query?query=ALERTS%7Balertstate%3D%22firing%22%7D"));
        assertTrue(alertsSeries.body().contains("\"alertname\":\"ItAnswer\""), alertsSeries.body());
    }

    @Test
    @Order(3)
    void alertResolvesWithItsEndTime() throws Exception {
        Instant before = Instant.now();
        Files.writeString(RULES.resolve("it.yml"), RULE.replace("EXPR", "< 0"));
        assertEquals(200, reload().statusCode());
        assertTrue(awaitNotification("\"status\":\"resolved\""), "webhook got the resolution: " + notifications);
        String resolved = notifications.stream().filter(n -> n.contains("\"status\":\"resolved\"")).findFirst().orElseThrow();
        Instant endsAt = Instant.parse(field(resolved, "endsAt"));
        assertTrue(!endsAt.isBefore(before.minusSeconds(2)) && !endsAt.isAfter(Instant.now()), "endsAt " + endsAt);
        assertTrue(resolved.contains("\"summary\":\"answer is 42 in it\""), resolved);
        HttpResponse<String> alerts = Http.await(Http.server("/api/v1/alerts"),
                r -> !r.body().contains("ItAnswer"), Duration.ofSeconds(10));
        assertTrue(!alerts.body().contains("ItAnswer"), alerts.body());
    }

    private static boolean awaitNotification(String needle) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (System.nanoTime() < end) {
            if (notifications.stream().anyMatch(n -> n.contains(needle) && n.contains("ItAnswer"))) {
                return true;
            }
            Thread.sleep(250);
        }
        return false;
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return m.group(1);
    }
}
