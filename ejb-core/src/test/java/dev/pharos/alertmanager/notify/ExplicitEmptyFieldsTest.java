package dev.pharos.alertmanager.notify;

import static dev.pharos.alertmanager.notify.PayloadTest.RENDERER;
import static dev.pharos.alertmanager.notify.PayloadTest.alerts;
import static dev.pharos.alertmanager.notify.PayloadTest.data;
import static dev.pharos.alertmanager.notify.PayloadTest.integration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.alertmanager.config.IntegrationConfig;
import dev.pharos.alertmanager.notify.PayloadTest.FakeTransport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An explicitly empty templated setting ({@code title: ''}, or a key with no value) is sent
 * empty, while an absent one takes the integration's default, as the original decodes onto its
 * Default*Config. Settings with a global fallback treat "" as unset.
 */
class ExplicitEmptyFieldsTest {

    /** The request body of one notification of the receiver. */
    static String body(String receiverYaml) {
        IntegrationConfig c = integration(receiverYaml);
        FakeTransport http = new FakeTransport();
        http.status = 202;
        http.body = "{\"ok\":true,\"result\":{\"message_id\":1}}";
        Notifier n = switch (c.type()) {
            case DISCORD -> new DiscordNotifier(c, http, RENDERER);
            case MSTEAMS -> new MSTeamsNotifier(c, http, RENDERER);
            case MSTEAMSV2 -> new MSTeamsV2Notifier(c, http, RENDERER);
            case WEBEX -> new WebexNotifier(c, http, RENDERER);
            case SLACK -> new SlackNotifier(c, http, RENDERER);
            case OPSGENIE -> new OpsgenieNotifier(c, http, RENDERER);
            case PAGERDUTY -> new PagerDutyNotifier(c, http, RENDERER);
            case TELEGRAM -> new TelegramNotifier(c, http, RENDERER);
            default -> throw new IllegalArgumentException(c.type().toString());
        };
        n.notify(data(false), alerts(false));
        return http.requests.get(0).body();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            discord_configs: [{webhook_url: 'https://d.example/x', title: ''}]     | "title":""            | [discord.default.title]
            discord_configs: [{webhook_url: 'https://d.example/x', title: }]       | "title":""            | [discord.default.title]
            discord_configs: [{webhook_url: 'https://d.example/x', content: ''}]   | "content":""          | [discord.default.content]
            msteams_configs: [{webhook_url: 'https://t.example/x', text: ''}]      | "text":""             | [msteams.default.text]
            msteamsv2_configs: [{webhook_url: 'https://t.example/x', title: ''}]   | "text":"","weight"    | [msteamsv2.default.title]
            webex_configs: [{room_id: r, message: '', http_config: {authorization: {credentials: c}}}] | "markdown":"" | [webex.default.message]
            slack_configs: [{api_url: 'https://s.example/x', title: '', text: ''}] | "text":""             | [slack.default.title]
            opsgenie_configs: [{api_key: k, message: '', description: ''}]         | "message":""          | [opsgenie.default.description]
            pagerduty_configs: [{routing_key: rk, description: ''}]                | "summary":""          | [pagerduty.default.description]
            telegram_configs: [{bot_token: t, chat_id: 1, message: ''}]            | "text":""             | [telegram.default.message]
            """)
    void explicitEmptyIsSentEmpty(String yaml, String expected, String defaultText) {
        String body = body(yaml);
        assertTrue(body.contains(expected), body);
        assertFalse(body.contains(defaultText), body);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            discord_configs: [{webhook_url: 'https://d.example/x'}]                | [discord.default.title]
            msteams_configs: [{webhook_url: 'https://t.example/x'}]                | [msteams.default.text]
            msteamsv2_configs: [{webhook_url: 'https://t.example/x'}]              | [msteamsv2.default.title]
            webex_configs: [{room_id: r, http_config: {authorization: {credentials: c}}}] | [webex.default.message]
            slack_configs: [{api_url: 'https://s.example/x'}]                      | [slack.default.title]
            opsgenie_configs: [{api_key: k}]                                       | [opsgenie.default.description]
            pagerduty_configs: [{routing_key: rk}]                                 | [pagerduty.default.description]
            telegram_configs: [{bot_token: t, chat_id: 1}]                         | [telegram.default.message]
            """)
    void absentTakesTheDefault(String yaml, String defaultText) {
        String body = body(yaml);
        assertTrue(body.contains(defaultText), body);
    }

    @Test
    void emailEmptyHtmlAndSubjectAreEmptyButAnEmptyFromTakesTheGlobalOne() throws Exception {
        IntegrationConfig c = dev.pharos.alertmanager.config.ConfigLoader.load("""
                global: {smtp_smarthost: 'smtp.example.org:25', smtp_from: 'global@example.org'}
                route: {receiver: r}
                receivers:
                  - name: r
                    email_configs:
                      - to: a@example.org
                        from: ''
                        html: ''
                        headers: {subject: ''}
                """).receivers().get(0).integrations().get(0);
        List<EmailMessage> sent = new ArrayList<>();
        assertTrue(new EmailNotifier(c, sent::add, RENDERER).notify(data(false), alerts(false)).ok());
        EmailMessage m = sent.get(0);
        assertNull(m.html(), "html: '' sends no HTML part");
        assertNull(m.text());
        assertEquals("", m.headers().get("Subject"));
        assertEquals("global@example.org", m.from());
    }

    @Test
    void pagerDutyEmptySourceFallsBackToTheClient() {
        String body = body("pagerduty_configs: [{routing_key: rk, source: '', client: 'cl'}]");
        assertTrue(body.contains("\"source\":\"cl\""), body);
    }
}
