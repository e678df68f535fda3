package dev.pharos.alertmanager.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.alertmanager.Alert;
import dev.pharos.alertmanager.config.AlertmanagerConfig;
import dev.pharos.alertmanager.config.ConfigLoader;
import dev.pharos.alertmanager.config.IntegrationConfig;
import dev.pharos.model.Labels;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Exact request bodies of the notifiers, with a stand-in renderer for the default templates. */
class PayloadTest {

    static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    static final String KEY = "{}:{alertname=\"A\"}";

    /** Renders {{ template "name" . }} as [name], and the default color by status. */
    static final MessageRenderer RENDERER = (template, data) -> {
        if (template.contains("slack.default.color")) {
            return data.status().equals("firing") ? "danger" : "good";
        }
        Matcher m = Pattern.compile("\\{\\{ template \"([^\"]+)\" \\. ?}}").matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, "[" + m.group(1) + "]");
        }
        m.appendTail(sb);
        return sb.toString().replace("{{ .GroupLabels.alertname }}", data.groupLabels().get("alertname"));
    };

    static List<Alert> alerts(boolean secondResolved) {
        Alert a = new Alert(Labels.of("alertname", "A", "instance", "i1"), Map.of("summary", "s <b>"), T0, null, T0,
                "http://prom/graph", false);
        Alert b = new Alert(Labels.of("alertname", "A", "instance", "i2"), Map.of(), T0,
                secondResolved ? Instant.parse("2024-01-01T00:05:00.5Z") : null, T0, "", false);
        return List.of(a, b);
    }

    static NotificationData data(boolean secondResolved) {
        return NotificationData.of("team-X", KEY, Labels.of("alertname", "A"), alerts(secondResolved),
                "http://am:9093", Instant.parse("2024-01-01T00:10:00Z"));
    }

    static IntegrationConfig integration(String receiverYaml) {
        AlertmanagerConfig c = ConfigLoader.load("route: {receiver: r}\nreceivers:\n  - name: r\n"
                + receiverYaml.indent(4));
        return c.receivers().get(0).integrations().get(0);
    }

    /** Records requests and answers with a status. */
    static final class FakeTransport implements HttpTransport {
        final List<HttpRequestSpec> requests = new ArrayList<>();
        int status = 200;
        String body = "ok";

        @Override
        public Response send(HttpRequestSpec request) {
            requests.add(request);
            return new Response(status, body);
        }
    }

    @Test
    void webhookVersion4() {
        String expected = "{\"receiver\":\"team-X\",\"status\":\"firing\",\"alerts\":["
                + "{\"status\":\"firing\",\"labels\":{\"alertname\":\"A\",\"instance\":\"i1\"},"
                + "\"annotations\":{\"summary\":\"s \\u003cb\\u003e\"},\"startsAt\":\"2024-01-01T00:00:00Z\","
                + "\"endsAt\":\"0001-01-01T00:00:00Z\",\"generatorURL\":\"http://prom/graph\","
                + "\"fingerprint\":\"3958271e50266b0c\"},"
                + "{\"status\":\"resolved\",\"labels\":{\"alertname\":\"A\",\"instance\":\"i2\"},\"annotations\":{},"
                + "\"startsAt\":\"2024-01-01T00:00:00Z\",\"endsAt\":\"2024-01-01T00:05:00.5Z\",\"generatorURL\":\"\","
                + "\"fingerprint\":\"395a271e5026ede3\"}],"
                + "\"groupLabels\":{\"alertname\":\"A\"},\"commonLabels\":{\"alertname\":\"A\"},"
                + "\"commonAnnotations\":{},\"externalURL\":\"http://am:9093\",\"version\":\"4\","
                + "\"groupKey\":\"{}:{alertname=\\\"A\\\"}\",\"truncatedAlerts\":0}\n";
        FakeTransport http = new FakeTransport();
        NotifyResult r = new WebhookNotifier(integration("webhook_configs: [{url: 'http://hook.example/x'}]"), http)
                .notify(data(true), alerts(true));
        assertTrue(r.ok());
        assertEquals("http://hook.example/x", http.requests.get(0).url());
        assertEquals("application/json", http.requests.get(0).headers().get("Content-Type"));
        assertEquals(expected, http.requests.get(0).body());
    }

    @Test
    void webhookMaxAlertsTruncates() {
        FakeTransport http = new FakeTransport();
        new WebhookNotifier(integration("webhook_configs: [{url: 'http://h.example/', max_alerts: 1}]"), http)
                .notify(data(false), alerts(false));
        String body = http.requests.get(0).body();
        assertTrue(body.endsWith("\"truncatedAlerts\":1}\n"), body);
        assertFalse(body.contains("i2"));
    }

    @Test
    void webhookStatusHandling() {
        FakeTransport http = new FakeTransport();
        WebhookNotifier n = new WebhookNotifier(integration("webhook_configs: [{url: 'http://h.example/'}]"), http);
        http.status = 500;
        assertTrue(n.notify(data(false), alerts(false)).retry());
        // Webhooks: only 5xx is worth retrying in the original, 429 included in "other 4xx".
        http.status = 429;
        assertFalse(n.notify(data(false), alerts(false)).retry());
        // Opsgenie and Webex rate limit with 429 and are retried.
        IntegrationConfig og = integration("opsgenie_configs: [{api_key: k}]");
        assertTrue(new OpsgenieNotifier(og, http, RENDERER).notify(data(false), alerts(false)).retry());
        http.status = 404;
        NotifyResult r = n.notify(data(false), alerts(false));
        assertFalse(r.ok() || r.retry());
        assertEquals("clientError", r.reason());
    }

    @Test
    void slackAttachment() {
        FakeTransport http = new FakeTransport();
        IntegrationConfig c = integration("""
                slack_configs:
                  - api_url: 'https://hooks.slack.com/services/T/B/X'
                    channel: '#alerts'
                    fields:
                      - {title: Group, value: '{{ .GroupLabels.alertname }}'}
                    actions:
                      - {type: button, text: Runbook, url: 'http://runbook'}
                """);
        assertTrue(new SlackNotifier(c, http, RENDERER).notify(data(false), alerts(false)).ok());
        String expected = "{\"channel\":\"#alerts\",\"username\":\"[slack.default.username]\","
                + "\"icon_emoji\":\"[slack.default.iconemoji]\",\"icon_url\":\"[slack.default.iconurl]\","
                + "\"attachments\":[{\"title\":\"[slack.default.title]\",\"title_link\":\"[slack.default.titlelink]\","
                + "\"pretext\":\"[slack.default.pretext]\",\"text\":\"[slack.default.text]\","
                + "\"fallback\":\"[slack.default.fallback]\",\"callback_id\":\"[slack.default.callbackid]\","
                + "\"fields\":[{\"title\":\"Group\",\"value\":\"A\",\"short\":false}],"
                + "\"actions\":[{\"type\":\"button\",\"text\":\"Runbook\",\"url\":\"http://runbook\"}],"
                + "\"footer\":\"[slack.default.footer]\",\"color\":\"danger\","
                + "\"mrkdwn_in\":[\"fallback\",\"pretext\",\"text\"]}]}\n";
        assertEquals(expected, http.requests.get(0).body());
        http.body = "invalid_payload";
        assertFalse(new SlackNotifier(c, http, RENDERER).notify(data(false), alerts(false)).ok());
    }

    @Test
    void pagerDutyEventsV2() {
        FakeTransport http = new FakeTransport();
        http.status = 202;
        IntegrationConfig c = integration("pagerduty_configs: [{routing_key: 'rk', severity: critical}]");
        assertTrue(new PagerDutyNotifier(c, http, RENDERER).notify(data(false), alerts(false)).ok());
        String expected = "{\"routing_key\":\"rk\","
                + "\"dedup_key\":\"ad4b39d3af6c5f089ddb8504a474cd124febe3ef322f263d58074fb0c51dc572\","
                + "\"event_action\":\"trigger\",\"payload\":{\"summary\":\"[pagerduty.default.description]\","
                + "\"source\":\"[pagerduty.default.client]\",\"severity\":\"critical\",\"custom_details\":{"
                + "\"firing\":\"{{ .Alerts.Firing | toJson }}\",\"num_firing\":\"{{ .Alerts.Firing | len }}\","
                + "\"num_resolved\":\"{{ .Alerts.Resolved | len }}\",\"resolved\":\"{{ .Alerts.Resolved | toJson }}\"}},"
                + "\"client\":\"[pagerduty.default.client]\",\"client_url\":\"[pagerduty.default.clientURL]\"}\n";
        // The stand-in renderer leaves non-"template" expressions untouched.
        assertEquals(expected, http.requests.get(0).body());
        assertEquals("https://events.pagerduty.com/v2/enqueue", http.requests.get(0).url());
        NotificationData resolved = NotificationData.of("r", KEY, Labels.of("alertname", "A"),
                List.of(alerts(true).get(1)), "", Instant.parse("2024-01-01T00:10:00Z"));
        new PagerDutyNotifier(c, http, RENDERER).notify(resolved, List.of());
        assertTrue(http.requests.get(1).body().contains("\"event_action\":\"resolve\""));
    }

    static final String DEFAULT_DETAILS = "\"firing\":\"{{ .Alerts.Firing | toJson }}\","
            + "\"num_firing\":\"{{ .Alerts.Firing | len }}\",\"num_resolved\":\"{{ .Alerts.Resolved | len }}\","
            + "\"resolved\":\"{{ .Alerts.Resolved | toJson }}\"";

    /**
     * Events API v1 (service_key), byte for byte as the original encodes its pagerDutyMessage:
     * service_key, incident_key (sha256 of the group key), event_type, description, the v2 fields
     * event_action "" and payload null (not omitted in Go), client and client_url only on trigger,
     * details (configured merged with the defaults, sorted keys), then a newline.
     */
    @Test
    void pagerDutyEventsV1WithServiceKey() {
        FakeTransport http = new FakeTransport();
        // url is ignored for v1: the original always posts to the fixed v1 endpoint.
        IntegrationConfig c = integration("pagerduty_configs: [{service_key: 'sk', details: {a: b},"
                + " url: 'http://elsewhere/'}]");
        assertTrue(new PagerDutyNotifier(c, http, RENDERER).notify(data(false), alerts(false)).ok());
        assertEquals(PagerDutyNotifier.V1_URL, http.requests.get(0).url());
        assertEquals("application/json", http.requests.get(0).headers().get("Content-Type"));
        assertEquals("{\"service_key\":\"sk\","
                + "\"incident_key\":\"ad4b39d3af6c5f089ddb8504a474cd124febe3ef322f263d58074fb0c51dc572\","
                + "\"event_type\":\"trigger\",\"description\":\"[pagerduty.default.description]\","
                + "\"event_action\":\"\",\"payload\":null,"
                + "\"client\":\"[pagerduty.default.client]\",\"client_url\":\"[pagerduty.default.clientURL]\","
                + "\"details\":{\"a\":\"b\"," + DEFAULT_DETAILS + "}}\n", http.requests.get(0).body());

        NotificationData resolved = NotificationData.of("r", KEY, Labels.of("alertname", "A"),
                List.of(alerts(true).get(1)), "", Instant.parse("2024-01-01T00:10:00Z"));
        new PagerDutyNotifier(c, http, RENDERER).notify(resolved, List.of());
        assertEquals("{\"service_key\":\"sk\","
                + "\"incident_key\":\"ad4b39d3af6c5f089ddb8504a474cd124febe3ef322f263d58074fb0c51dc572\","
                + "\"event_type\":\"resolve\",\"description\":\"[pagerduty.default.description]\","
                + "\"event_action\":\"\",\"payload\":null,"
                + "\"details\":{\"a\":\"b\"," + DEFAULT_DETAILS + "}}\n", http.requests.get(1).body());
    }

    @Test
    void pagerDutyV1DescriptionIsCutAt1024RunesAndAnEmptyOneIsOmitted() {
        FakeTransport http = new FakeTransport();
        String longText = "é".repeat(1030);
        IntegrationConfig c = integration("pagerduty_configs: [{service_key: 'sk', description: '" + longText + "'}]");
        new PagerDutyNotifier(c, http, RENDERER).notify(data(false), alerts(false));
        assertTrue(http.requests.get(0).body().contains("\"description\":\"" + "é".repeat(1023) + "\u2026\","),
                http.requests.get(0).body());
        MessageRenderer blank = (template, data) -> template.contains("description") ? "" : template;
        new PagerDutyNotifier(integration("pagerduty_configs: [{service_key: 'sk'}]"), http, blank)
                .notify(data(false), alerts(false));
        assertTrue(http.requests.get(1).body().contains("\"event_type\":\"trigger\",\"event_action\":\"\","),
                http.requests.get(1).body());
    }

    @Test
    void pagerDutyRetriesLikeTheOriginal() {
        FakeTransport http = new FakeTransport();
        IntegrationConfig v1 = integration("pagerduty_configs: [{service_key: 'sk'}]");
        IntegrationConfig v2 = integration("pagerduty_configs: [{routing_key: 'rk'}]");
        http.status = 403;
        assertTrue(new PagerDutyNotifier(v1, http, RENDERER).notify(data(false), alerts(false)).retry());
        assertFalse(new PagerDutyNotifier(v2, http, RENDERER).notify(data(false), alerts(false)).retry());
        http.status = 429;
        assertFalse(new PagerDutyNotifier(v1, http, RENDERER).notify(data(false), alerts(false)).retry());
        assertTrue(new PagerDutyNotifier(v2, http, RENDERER).notify(data(false), alerts(false)).retry());
        http.status = 503;
        assertTrue(new PagerDutyNotifier(v1, http, RENDERER).notify(data(false), alerts(false)).retry());
        http.status = 400;
        http.body = "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\","
                + "\"errors\":[\"Length of 'routing_key' is incorrect\",\"x\"]}";
        NotifyResult r = new PagerDutyNotifier(v2, http, RENDERER).notify(data(false), alerts(false));
        assertFalse(r.retry());
        assertEquals("unexpected status code 400: Event object is invalid: Length of 'routing_key' is incorrect,x",
                r.message());
    }

    @Test
    void pagerDutyKeyEmptyAfterTemplatingFails() {
        FakeTransport http = new FakeTransport();
        MessageRenderer empty = (template, data) -> "";
        IntegrationConfig c = integration("pagerduty_configs: [{service_key: '{{ .CommonLabels.nokey }}'}]");
        NotifyResult r = new PagerDutyNotifier(c, http, empty).notify(data(false), alerts(false));
        assertEquals("service key cannot be empty", r.message());
        assertTrue(http.requests.isEmpty());
    }

    @Test
    void pagerDutyV2ImagesAndLinksCarryAllFieldsAndNeedASource() {
        FakeTransport http = new FakeTransport();
        IntegrationConfig c = integration("""
                pagerduty_configs:
                  - routing_key: rk
                    images: [{src: 'http://i/1.png'}, {alt: 'no source'}]
                    links: [{href: 'http://l/1'}, {text: 'no href'}]
                """);
        new PagerDutyNotifier(c, http, RENDERER).notify(data(false), alerts(false));
        String body = http.requests.get(0).body();
        assertTrue(body.endsWith(",\"images\":[{\"src\":\"http://i/1.png\",\"alt\":\"\",\"href\":\"\"}],"
                + "\"links\":[{\"href\":\"http://l/1\",\"text\":\"\"}]}\n"), body);
    }

    @Test
    void pagerDutyOversizedEventLosesItsDetails() {
        FakeTransport http = new FakeTransport();
        IntegrationConfig c = integration("pagerduty_configs: [{service_key: 'sk', details: {big: '"
                + "x".repeat(PagerDutyNotifier.MAX_EVENT_SIZE) + "'}}]");
        new PagerDutyNotifier(c, http, RENDERER).notify(data(false), alerts(false));
        assertTrue(http.requests.get(0).body().endsWith("\"details\":{\"error\":\"Custom details have been removed "
                + "because the original event exceeds the maximum size of 512kB\"}}\n"), http.requests.get(0).body());
    }

    @Test
    void msTeamsV2AdaptiveCard() {
        FakeTransport http = new FakeTransport();
        IntegrationConfig c = integration("msteamsv2_configs: [{webhook_url: 'https://flow.example/x'}]");
        new MSTeamsV2Notifier(c, http, RENDERER).notify(data(false), alerts(false));
        assertEquals("{\"type\":\"message\",\"attachments\":[{\"contentType\":"
                + "\"application/vnd.microsoft.card.adaptive\",\"contentUrl\":null,\"content\":{"
                + "\"$schema\":\"http://adaptivecards.io/schemas/adaptive-card.json\",\"type\":\"AdaptiveCard\","
                + "\"version\":\"1.2\",\"body\":[{\"type\":\"TextBlock\",\"text\":\"[msteamsv2.default.title]\","
                + "\"weight\":\"Bolder\",\"size\":\"Medium\",\"wrap\":true,\"style\":\"heading\","
                + "\"color\":\"Attention\"},{\"type\":\"TextBlock\",\"text\":\"[msteamsv2.default.text]\","
                + "\"wrap\":true}],\"msteams\":{\"width\":\"full\"}}}]}\n", http.requests.get(0).body());
    }

    @Test
    void discordEmbed() {
        FakeTransport http = new FakeTransport();
        IntegrationConfig c = integration("discord_configs: [{webhook_url: 'https://discord.example/api/webhooks/1'}]");
        new DiscordNotifier(c, http, RENDERER).notify(data(false), alerts(false));
        assertEquals("{\"content\":\"[discord.default.content]\",\"embeds\":[{\"title\":\"[discord.default.title]\","
                + "\"description\":\"[discord.default.message]\",\"color\":10038562}]}\n", http.requests.get(0).body());
    }

    @Test
    void msTeamsMessageCard() {
        FakeTransport http = new FakeTransport();
        IntegrationConfig c = integration("msteams_configs: [{webhook_url: 'https://teams.example/hook'}]");
        new MSTeamsNotifier(c, http, RENDERER).notify(data(false), alerts(false));
        assertEquals("{\"@context\":\"http://schema.org/extensions\",\"type\":\"MessageCard\","
                + "\"title\":\"[msteams.default.title]\",\"summary\":\"[msteams.default.summary]\","
                + "\"text\":\"[msteams.default.text]\",\"themeColor\":\"8C1A1A\"}\n", http.requests.get(0).body());
    }

    @Test
    void opsgenieCreateAndClose() {
        FakeTransport http = new FakeTransport();
        IntegrationConfig c = integration("""
                opsgenie_configs:
                  - api_key: k
                    tags: 'a, b'
                    responders: [{name: ops, type: team}]
                """);
        new OpsgenieNotifier(c, http, RENDERER).notify(data(false), alerts(false));
        HttpRequestSpec req = http.requests.get(0);
        assertEquals("https://api.opsgenie.com/v2/alerts", req.url());
        assertEquals("GenieKey k", req.headers().get("Authorization"));
        assertEquals("{\"alias\":\"ad4b39d3af6c5f089ddb8504a474cd124febe3ef322f263d58074fb0c51dc572\","
                + "\"message\":\"[opsgenie.default.message]\",\"description\":\"[opsgenie.default.description]\","
                + "\"details\":{\"alertname\":\"A\"},\"source\":\"[opsgenie.default.source]\","
                + "\"responders\":[{\"name\":\"ops\",\"type\":\"team\"}],\"tags\":[\"a\",\"b\"]}\n", req.body());
        NotificationData resolved = NotificationData.of("r", KEY, Labels.of("alertname", "A"),
                List.of(alerts(true).get(1)), "", Instant.parse("2024-01-01T00:10:00Z"));
        new OpsgenieNotifier(c, http, RENDERER).notify(resolved, List.of());
        assertEquals("https://api.opsgenie.com/v2/alerts/"
                + "ad4b39d3af6c5f089ddb8504a474cd124febe3ef322f263d58074fb0c51dc572/close?identifierType=alias",
                http.requests.get(1).url());
    }

    @Test
    void telegramSendMessage() {
        FakeTransport http = new FakeTransport();
        http.body = "{\"ok\":true,\"result\":{\"message_id\":1}}";
        IntegrationConfig c = integration("telegram_configs: [{bot_token: 'T', chat_id: -42}]");
        assertTrue(new TelegramNotifier(c, http, RENDERER).notify(data(false), alerts(false)).ok());
        assertEquals("https://api.telegram.org/botT/sendMessage", http.requests.get(0).url());
        // As the original's bot library sends it: string values, sorted keys, Go's JSON escaping.
        assertEquals("{\"chat_id\":\"-42\",\"disable_web_page_preview\":\"true\",\"parse_mode\":\"HTML\","
                + "\"text\":\"[telegram.default.message]\"}\n", http.requests.get(0).body());
        IntegrationConfig all = integration("telegram_configs: [{bot_token: 'T', chat_id: 7, parse_mode: Markdown,"
                + " message_thread_id: 3, disable_notifications: true, message: '*<b>*'}]");
        new TelegramNotifier(all, http, RENDERER).notify(data(false), alerts(false));
        assertEquals("{\"chat_id\":\"7\",\"disable_notification\":\"true\",\"disable_web_page_preview\":\"true\","
                + "\"message_thread_id\":\"3\",\"parse_mode\":\"Markdown\",\"text\":\"*\\u003cb\\u003e*\"}\n",
                http.requests.get(1).body());
    }

    @Test
    void telegramEmptyParseModeIsPlainText() {
        FakeTransport http = new FakeTransport();
        http.body = "{\"ok\":true}";
        IntegrationConfig c = integration("telegram_configs: [{bot_token: 'T', chat_id: 1, parse_mode: '',"
                + " message: '<b>'}]");
        assertTrue(new TelegramNotifier(c, http, RENDERER).notify(data(false), alerts(false)).ok());
        assertEquals("{\"chat_id\":\"1\",\"disable_web_page_preview\":\"true\",\"text\":\"\\u003cb\\u003e\"}\n",
                http.requests.get(0).body());
    }

    @Test
    void telegramAnswersAndFailures() {
        FakeTransport http = new FakeTransport();
        IntegrationConfig c = integration("telegram_configs: [{bot_token: 'T', chat_id: 1}]");
        http.status = 400;
        http.body = "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: can't parse entities\"}";
        NotifyResult r = new TelegramNotifier(c, http, RENDERER).notify(data(false), alerts(false));
        assertFalse(r.ok());
        assertTrue(r.retry());
        assertEquals("clientError", r.reason());
        assertEquals("telegram: Bad Request: can't parse entities (400)", r.message());
        http.status = 200;
        http.body = "not json";
        assertFalse(new TelegramNotifier(c, http, RENDERER).notify(data(false), alerts(false)).ok());
    }

    @Test
    void telegramChatIdFromFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path f = dir.resolve("chat");
        java.nio.file.Files.writeString(f, " -100123\n");
        FakeTransport http = new FakeTransport();
        http.body = "{\"ok\":true}";
        IntegrationConfig c = integration("telegram_configs: [{bot_token: 'T', chat_id_file: '" + f + "'}]");
        assertTrue(new TelegramNotifier(c, http, RENDERER).notify(data(false), alerts(false)).ok());
        assertTrue(http.requests.get(0).body().startsWith("{\"chat_id\":\"-100123\","), http.requests.get(0).body());
    }

    @Test
    void telegramHtmlLimitsReplaceTheMessage() {
        assertEquals(5, TelegramNotifier.htmlTextRuneCount("<b>a&lt;b</b> <i>c</i>"));
        // Numeric entities count as one; &nbsp is not one Telegram decodes, so it stays five characters.
        assertEquals(7, TelegramNotifier.htmlTextRuneCount("&#60;&#x3c;&nbsp"));
        assertEquals(10, TelegramNotifier.htmlTextRuneCount("<!-- x -->"));
        assertEquals(3, TelegramNotifier.htmlTextRuneCount("a<b"));
        FakeTransport http = new FakeTransport();
        http.body = "{\"ok\":true}";
        String longText = "<b>" + "x".repeat(4097) + "</b>";
        IntegrationConfig html = integration("telegram_configs: [{bot_token: 'T', chat_id: 1, message: '"
                + longText + "'}]");
        new TelegramNotifier(html, http, RENDERER).notify(data(false), alerts(false));
        assertTrue(http.requests.get(0).body().contains("\"text\":\"Alertmanager notification could not be sent: "
                + "message length exceeds Telegram limits.\\n\\t\\t\\tPlease check"), http.requests.get(0).body());
        IntegrationConfig plain = integration("telegram_configs: [{bot_token: 'T', chat_id: 1, parse_mode: Markdown,"
                + " message: '" + "y".repeat(5000) + "'}]");
        new TelegramNotifier(plain, http, RENDERER).notify(data(false), alerts(false));
        assertTrue(http.requests.get(1).body().contains("\"text\":\"" + "y".repeat(4095) + "\u2026\""),
                http.requests.get(1).body().substring(0, 200));
    }

    @Test
    void emailMessage() {
        List<EmailMessage> sent = new ArrayList<>();
        IntegrationConfig c = integration("""
                email_configs:
                  - to: 'a@example.org, b@example.org'
                    from: am@example.org
                    smarthost: smtp.example.org:587
                    auth_username: am
                    auth_password: pw
                    headers: {x-team: ops}
                """);
        assertTrue(new EmailNotifier(c, sent::add, RENDERER).notify(data(false), alerts(false)).ok());
        EmailMessage m = sent.get(0);
        assertEquals(List.of("a@example.org", "b@example.org"), m.to());
        assertEquals("[email.default.subject]", m.headers().get("Subject"));
        assertEquals("ops", m.headers().get("X-Team"));
        assertEquals("[email.default.html]", m.html());
        assertEquals("smtp.example.org:587", m.smarthost());
        assertEquals("pw", m.authPassword());
        assertTrue(m.requireTls());
    }

    @Test
    void emailTlsSettingsReachTheSender() {
        List<EmailMessage> sent = new ArrayList<>();
        AlertmanagerConfig cfg = ConfigLoader.load("""
                global:
                  smtp_smarthost: 'smtp.example.org:465'
                  smtp_from: am@example.org
                  smtp_tls_config: {ca_file: /etc/ca.pem}
                route: {receiver: a}
                receivers:
                  - name: a
                    email_configs:
                      - to: x@example.org
                      - to: y@example.org
                        smarthost: 'smtp.example.org:2525'
                        force_implicit_tls: true
                        tls_config: {insecure_skip_verify: true, server_name: mx}
                """);
        for (IntegrationConfig c : cfg.receivers().get(0).integrations()) {
            assertTrue(new EmailNotifier(c, sent::add, RENDERER).notify(data(false), alerts(false)).ok());
        }
        EmailMessage global = sent.get(0);
        assertEquals("/etc/ca.pem", global.tlsConfig().caFile());
        assertFalse(global.tlsConfig().insecureSkipVerify());
        assertEquals(null, global.forceImplicitTls());
        assertTrue(global.implicitTls(), "port 465 means implicit TLS");
        EmailMessage own = sent.get(1);
        assertTrue(own.tlsConfig().insecureSkipVerify());
        assertEquals("mx", own.tlsConfig().serverName());
        assertEquals("", own.tlsConfig().caFile());
        assertTrue(own.implicitTls());
    }

    @Test
    void emailEnvelopeComesFromToAndFromNotFromTheHeaders() {
        List<EmailMessage> sent = new ArrayList<>();
        IntegrationConfig c = integration("""
                email_configs:
                  - to: '"Ops, Team" <ops@example.org>, dev@example.org'
                    from: 'Alertmanager <am@example.org>'
                    smarthost: smtp.example.org:587
                    headers: {To: 'Everyone <all@example.org>', From: 'Robot <noreply@example.org>'}
                """);
        assertTrue(new EmailNotifier(c, sent::add, RENDERER).notify(data(false), alerts(false)).ok());
        EmailMessage m = sent.get(0);
        assertEquals(List.of("ops@example.org", "dev@example.org"), m.to());
        assertEquals("am@example.org", m.from());
        assertEquals("Everyone <all@example.org>", m.headers().get("To"));
        assertEquals("Robot <noreply@example.org>", m.headers().get("From"));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "a@x.org|[a@x.org]",
        "a@x.org, b@y.org|[a@x.org, b@y.org]",
        "\"Doe, John\" <j@x.org>|[j@x.org]",
        "Team (on call, EU) <t@x.org>,u@x.org|[t@x.org, u@x.org]",
        "u@x.org (User)|[u@x.org]",
        "not an address|null",
        "a@x.org,|null",
        "<a@x.org|null",
    })
    void emailAddressLists(String list, String expected) {
        assertEquals(expected, String.valueOf(EmailNotifier.addresses(list)));
    }

    @Test
    void emailWithTwoFromAddressesFails() {
        IntegrationConfig c = integration("email_configs: [{to: a@x.org, from: 'a@x.org, b@x.org', "
                + "smarthost: 'h:25'}]");
        NotifyResult r = new EmailNotifier(c, m -> { }, RENDERER).notify(data(false), alerts(false));
        assertFalse(r.ok());
        assertFalse(r.retry());
        assertEquals("must be exactly one 'from' address (got: 2)", r.message());
    }
}
