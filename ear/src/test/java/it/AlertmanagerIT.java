package it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import dev.pharos.alertmanager.Json;
import jakarta.mail.internet.MimeMessage;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Alertmanager face on the real server: the test writes its own alertmanager.yml with
 * receivers pointing at local test doubles (an HTTP server standing in for webhooks, Slack and
 * PagerDuty; GreenMail for SMTP), reloads it, posts alerts and checks what arrives and when.
 */
class AlertmanagerIT {

    /** One request received by a test double. */
    record Received(Instant at, String path, String body) {
    }

    /**
     * Suffix of every alert name: the notification log is persistent, so alerts identical to
     * those of an earlier run on the same data directory would rightly not be sent again.
     */
    static final String RUN = Long.toString(System.currentTimeMillis(), 36);

    static final Map<String, BlockingQueue<Received>> RECEIVED = new ConcurrentHashMap<>();
    static HttpServer doubles;
    static GreenMail smtp;
    static Path configFile;
    static String originalConfig;

    static BlockingQueue<Received> queue(String path) {
        return RECEIVED.computeIfAbsent(path, k -> new LinkedBlockingQueue<>());
    }

    @BeforeAll
    static void start() throws Exception {
        // The application may still be starting on a loaded machine.
        HttpResponse<String> up = Http.await(Http.alert("/api/v2/status"), x -> x.statusCode() == 200,
                Duration.ofMinutes(4));
        assertEquals(200, up == null ? -1 : up.statusCode(), "Alertmanager API not up");
        doubles = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        doubles.createContext("/", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            queue(ex.getRequestURI().getPath()).add(new Received(Instant.now(), ex.getRequestURI().getPath(), body));
            byte[] ok = "{\"status\":\"success\"}".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(ex.getRequestURI().getPath().startsWith("/pagerduty") ? 202 : 200, ok.length);
            ex.getResponseBody().write(ok);
            ex.close();
        });
        doubles.start();
        int smtpPort = Processes.freePort();
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.setUser("pharos@example.org", "pharos", "s3cret");
        smtp.start();

        configFile = Path.of(System.getProperty("it.config.dir", "target/it-config"), "alertmanager.yml");
        originalConfig = Files.readString(configFile);
        String base = "http://127.0.0.1:" + doubles.getAddress().getPort();
        Files.writeString(configFile, """
                global:
                  resolve_timeout: 5m
                  smtp_smarthost: '127.0.0.1:%2$d'
                  smtp_from: 'alertmanager@example.org'
                  smtp_require_tls: false
                route:
                  receiver: blackhole
                  group_by: [alertname]
                  group_wait: 1s
                  group_interval: 3s
                  repeat_interval: 1h
                  routes:
                    - matchers: ['it="webhook"']
                      receiver: hook
                    - matchers: ['it="repeat"']
                      receiver: repeat
                      repeat_interval: 6s
                    - matchers: ['it="slack"']
                      receiver: slack
                    - matchers: ['it="pagerduty"']
                      receiver: pd
                    - matchers: ['it="email"']
                      receiver: mail
                receivers:
                  - name: blackhole
                  - name: hook
                    webhook_configs:
                      - url: '%1$s/hook'
                        send_resolved: true
                  - name: repeat
                    webhook_configs:
                      - url: '%1$s/repeat'
                  - name: slack
                    slack_configs:
                      - api_url: '%1$s/slack'
                        channel: '#alerts'
                  - name: pd
                    pagerduty_configs:
                      - routing_key: 'abc123'
                        url: '%1$s/pagerduty'
                  - name: mail
                    email_configs:
                      - to: 'oncall@example.org'
                        auth_username: 'pharos'
                        auth_password: 's3cret'
                """.formatted(base, smtpPort));
        HttpResponse<String> r = reload();
        assertEquals(200, r.statusCode(), r.body());
    }

    @AfterAll
    static void stop() throws Exception {
        if (originalConfig != null) {
            Files.writeString(configFile, originalConfig);
            reload();
        }
        if (doubles != null) {
            doubles.stop(0);
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    static HttpResponse<String> reload() throws Exception {
        return Http.post(Http.alert("/-/reload"), "text/plain", "");
    }

    static String alert(String name, String it, String instance, Instant startsAt) {
        return "{\"labels\":{\"alertname\":\"" + name + RUN + "\",\"it\":\"" + it + "\",\"instance\":\"" + instance
                + "\"},\"annotations\":{\"summary\":\"" + name + RUN + " is broken\"},\"startsAt\":\"" + startsAt
                + "\",\"generatorURL\":\"http://prometheus.example/graph\"}";
    }

    static void post(String... alerts) throws Exception {
        HttpResponse<String> r = Http.post(Http.alert("/api/v2/alerts"), "application/json",
                "[" + String.join(",", alerts) + "]");
        assertEquals(200, r.statusCode(), r.body());
    }

    static Received next(String path, Duration within) throws InterruptedException {
        Received r = queue(path).poll(within.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(r, "nothing arrived at " + path + " within " + within);
        return r;
    }

    /** The next request at path whose body mentions the text (other tests share the receiver). */
    static Received next(String path, String text, Duration within) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        while (true) {
            long left = end - System.nanoTime();
            Received r = queue(path).poll(Math.max(0, left), TimeUnit.NANOSECONDS);
            assertNotNull(r, "nothing mentioning " + text + " arrived at " + path + " within " + within);
            if (r.body().contains(text)) {
                return r;
            }
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(String body) {
        return (Map<String, Object>) Json.parse(body);
    }

    @Test
    void webhookPayloadAndGroupTiming() throws Exception {
        // A fresh alert (as the original, an alert older than group_wait is flushed at once).
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        Instant posted = Instant.now();
        post(alert("HookDown", "webhook", "a:1", start));
        Received first = next("/hook", "HookDown" + RUN, Duration.ofSeconds(10));
        long waited = Duration.between(posted, first.at()).toMillis();
        assertTrue(waited >= 900 && waited < 4000, "group_wait 1s, first notification after " + waited + " ms");

        Map<String, Object> p = json(first.body());
        assertEquals("4", p.get("version"));
        assertEquals("{}/{it=\"webhook\"}:{alertname=\"HookDown" + RUN + "\"}", p.get("groupKey"));
        assertEquals(0, ((Number) p.get("truncatedAlerts")).intValue());
        assertEquals("hook", p.get("receiver"));
        assertEquals("firing", p.get("status"));
        assertEquals(Map.of("alertname", "HookDown" + RUN), p.get("groupLabels"));
        assertEquals(Map.of("alertname", "HookDown" + RUN, "it", "webhook", "instance", "a:1"), p.get("commonLabels"));
        assertEquals(Map.of("summary", "HookDown" + RUN + " is broken"), p.get("commonAnnotations"));
        assertTrue(p.get("externalURL").toString().startsWith("http://"), p.toString());
        List<Map<String, Object>> alerts = (List<Map<String, Object>>) p.get("alerts");
        assertEquals(1, alerts.size());
        Map<String, Object> a = alerts.get(0);
        assertEquals("firing", a.get("status"));
        assertEquals(start.toString(), a.get("startsAt"));
        assertEquals("0001-01-01T00:00:00Z", a.get("endsAt"));
        assertEquals("http://prometheus.example/graph", a.get("generatorURL"));
        assertTrue(a.get("fingerprint").toString().matches("[0-9a-f]{16}"), a.toString());

        // A second alert of the same group waits for group_interval (3s) after the first flush.
        post(alert("HookDown", "webhook", "b:1", start));
        Received second = next("/hook", "HookDown" + RUN, Duration.ofSeconds(10));
        long interval = Duration.between(first.at(), second.at()).toMillis();
        assertTrue(interval >= 2500 && interval < 6500, "group_interval 3s, next after " + interval + " ms");
        assertEquals(2, ((List<?>) json(second.body()).get("alerts")).size());

        // Resolving both sends a resolved notification (send_resolved: true).
        Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        post(alert("HookDown", "webhook", "a:1", start).replace("\"startsAt\"", "\"endsAt\":\"" + end + "\",\"startsAt\""),
                alert("HookDown", "webhook", "b:1", start).replace("\"startsAt\"", "\"endsAt\":\"" + end + "\",\"startsAt\""));
        Received resolved = next("/hook", "HookDown" + RUN, Duration.ofSeconds(10));
        assertEquals("resolved", json(resolved.body()).get("status"));
    }

    @Test
    void repeatIntervalResendsAnUnchangedGroup() throws Exception {
        post(alert("RepeatMe", "repeat", "r:1", Instant.now().minusSeconds(5)));
        Received first = next("/repeat", Duration.ofSeconds(10));
        Received again = next("/repeat", Duration.ofSeconds(15));
        long gap = Duration.between(first.at(), again.at()).toMillis();
        // repeat_interval 6s, checked at each group_interval (3s) flush.
        assertTrue(gap >= 5500 && gap < 10500, "repeat after " + gap + " ms");
        assertEquals(json(first.body()).get("alerts").toString(), json(again.body()).get("alerts").toString());
    }

    @Test
    void slackPayload() throws Exception {
        post(alert("SlackDown", "slack", "s:1", Instant.now().minusSeconds(5)));
        Map<String, Object> p = json(next("/slack", Duration.ofSeconds(10)).body());
        assertEquals("#alerts", p.get("channel"));
        assertEquals("Alertmanager", p.get("username"));
        Map<String, Object> att = ((List<Map<String, Object>>) p.get("attachments")).get(0);
        assertEquals("[FIRING:1] SlackDown" + RUN + " (s:1 slack)", att.get("title"));
        assertEquals("danger", att.get("color"));
        assertTrue(att.get("title_link").toString().endsWith("/#/alerts?receiver=slack"), att.toString());
        assertEquals("[FIRING:1] SlackDown" + RUN + " (s:1 slack) | " + att.get("title_link"), att.get("fallback"));
    }

    @Test
    void pagerDutyEventsV2Payload() throws Exception {
        post(alert("PdDown", "pagerduty", "p:1", Instant.now().minusSeconds(5)));
        Map<String, Object> p = json(next("/pagerduty", Duration.ofSeconds(10)).body());
        assertEquals("abc123", p.get("routing_key"));
        assertEquals("trigger", p.get("event_action"));
        assertTrue(p.get("dedup_key").toString().matches("[0-9a-f]{64}"), p.toString());
        Map<String, Object> payload = (Map<String, Object>) p.get("payload");
        assertEquals("[FIRING:1] PdDown" + RUN + " (p:1 pagerduty)", payload.get("summary"));
        assertEquals("error", payload.get("severity"));
        assertEquals("Alertmanager", p.get("client"));
    }

    @Test
    void emailOverSmtpWithAuth() throws Exception {
        post(alert("MailDown", "email", "m:1", Instant.now().minusSeconds(5)));
        assertTrue(smtp.waitForIncomingEmail(15_000, 1), "no e-mail arrived");
        MimeMessage m = smtp.getReceivedMessages()[0];
        assertEquals("[FIRING:1] MailDown" + RUN + " (m:1 email)", m.getSubject());
        assertEquals("alertmanager@example.org", m.getFrom()[0].toString());
        assertEquals("oncall@example.org", m.getAllRecipients()[0].toString());
        String body = GreenMailUtil.getBody(m);
        assertTrue(body.contains("MailDown"), body);
    }

    @Test
    void silencesMuteAndExpire() throws Exception {
        Instant now = Instant.now();
        String silence = "{\"matchers\":[{\"name\":\"alertname\",\"value\":\"Muted" + RUN + "\",\"isRegex\":false,\"isEqual\":true}],"
                + "\"startsAt\":\"" + now + "\",\"endsAt\":\"" + now.plusSeconds(3600)
                + "\",\"createdBy\":\"it\",\"comment\":\"maintenance\"}";
        HttpResponse<String> r = Http.post(Http.alert("/api/v2/silences"), "application/json", silence);
        assertEquals(200, r.statusCode(), r.body());
        String id = json(r.body()).get("silenceID").toString();
        post(alert("Muted", "webhook", "x:1", now.minusSeconds(5)));
        HttpResponse<String> alerts = Http.await(Http.alert("/api/v2/alerts?filter=alertname%3D%22Muted" + RUN + "%22"),
                x -> x.body().contains("\"suppressed\""), Duration.ofSeconds(10));
        assertTrue(alerts.body().contains("\"silencedBy\":[\"" + id + "\"]"), alerts.body());
        assertEquals(200, Http.get(Http.alert("/api/v2/alerts?filter=alertname%3D%22Muted" + RUN + "%22&silenced=false"))
                .statusCode());
        assertEquals("[]", Http.get(Http.alert("/api/v2/alerts?filter=alertname%3D%22Muted" + RUN + "%22&silenced=false")).body());

        HttpResponse<String> got = Http.get(Http.alert("/api/v2/silence/" + id));
        assertEquals(200, got.statusCode());
        assertTrue(got.body().contains("\"state\":\"active\""), got.body());
        HttpResponse<String> del = Http.send(HttpRequest.newBuilder(URI.create(Http.alert("/api/v2/silence/" + id)))
                .DELETE());
        assertEquals(200, del.statusCode(), del.body());
        assertTrue(Http.get(Http.alert("/api/v2/silence/" + id)).body().contains("\"state\":\"expired\""));
        // Nothing was sent for the silenced alert.
        assertTrue(queue("/hook").stream().noneMatch(x -> x.body().contains("\"Muted" + RUN + "\"")));
    }

    @Test
    void validationErrorsAsTheOriginal() throws Exception {
        HttpResponse<String> r = Http.get(Http.alert("/api/v2/alerts?active=maybe"));
        assertEquals(422, r.statusCode());
        assertEquals("{\"code\":601,\"message\":\"active in query must be of type bool: \\\"maybe\\\"\"}", r.body());
        r = Http.get(Http.alert("/api/v2/silence/not-a-uuid"));
        assertEquals(422, r.statusCode(), r.body());
        r = Http.get(Http.alert("/api/v2/alerts?filter=%7Bfoo"));
        assertEquals(400, r.statusCode(), r.body());
        r = Http.get(Http.alert("/api/v2/silence/00000000-0000-0000-0000-000000000000"));
        assertEquals(404, r.statusCode(), r.body());
        r = Http.post(Http.alert("/api/v2/silences"), "application/json", "{\"matchers\":[]}");
        assertEquals(400, r.statusCode(), r.body());
    }

    @Test
    void receiversStatusAndGroups() throws Exception {
        HttpResponse<String> r = Http.get(Http.alert("/api/v2/receivers"));
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("{\"name\":\"slack\"}"), r.body());
        r = Http.get(Http.alert("/api/v2/status"));
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("\"cluster\":{"), r.body());
        // Go's JSON encoder escapes < and >, so the original shows <secret> this way.
        assertTrue(r.body().contains("api_url: \\u003csecret\\u003e"), r.body());
        assertEquals(200, Http.get(Http.alert("/api/v2/alerts/groups")).statusCode());
    }

    @Test
    void invalidReloadKeepsTheRunningConfig() throws Exception {
        String good = Files.readString(configFile);
        try {
            Files.writeString(configFile, "route:\n  receiver: nowhere\nreceivers:\n  - name: other\n");
            HttpResponse<String> r = reload();
            assertEquals(500, r.statusCode());
            assertTrue(r.body().startsWith("failed to reload config: "), r.body());
            assertTrue(r.body().contains("nowhere"), r.body());
            assertTrue(Http.get(Http.alert("/api/v2/receivers")).body().contains("\"slack\""));
            assertTrue(Http.get(Http.alert("/metrics")).body().contains("alertmanager_config_last_reload_successful 0"));
        } finally {
            Files.writeString(configFile, good);
            assertEquals(200, reload().statusCode());
        }
    }

    @Test
    void metricsUseTheOriginalNames() throws Exception {
        HttpResponse<String> r = Http.get(Http.alert("/metrics"));
        assertEquals(200, r.statusCode());
        for (String name : List.of("alertmanager_alerts{state=\"active\"}", "alertmanager_notifications_total{integration=\"webhook\"}",
                "alertmanager_notifications_failed_total{", "alertmanager_silences{state=\"active\"}",
                "alertmanager_notification_latency_seconds_bucket{", "alertmanager_config_hash")) {
            assertTrue(r.body().contains(name), name + " in\n" + r.body());
        }
    }

    @Test
    void uiIsServedWithoutInlineScript() throws Exception {
        HttpResponse<String> r = Http.get(Http.alert("/"));
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("<script src=\"ui/app.js\" defer></script>"), r.body());
        assertEquals(200, Http.get(Http.alert("/ui/app.js")).statusCode());
    }
}
