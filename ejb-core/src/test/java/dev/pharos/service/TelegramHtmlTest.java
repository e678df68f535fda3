package dev.pharos.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.alertmanager.Json;
import dev.pharos.alertmanager.config.ConfigLoader;
import dev.pharos.alertmanager.config.IntegrationConfig;
import dev.pharos.alertmanager.notify.HttpRequestSpec;
import dev.pharos.alertmanager.notify.HttpTransport;
import dev.pharos.alertmanager.notify.TelegramNotifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Telegram with parse_mode HTML renders like the original's tmplHTML: alert values are escaped. */
class TelegramHtmlTest {

    @SuppressWarnings("unchecked")
    static String sentText(String telegramYaml) throws Exception {
        IntegrationConfig c = ConfigLoader.load("route: {receiver: r}\nreceivers:\n  - name: r\n"
                + "    telegram_configs:\n      - " + telegramYaml + "\n").receivers().get(0).integrations().get(0);
        List<HttpRequestSpec> sent = new ArrayList<>();
        HttpTransport http = req -> {
            sent.add(req);
            return new HttpTransport.Response(200, "{\"ok\":true}");
        };
        assertTrue(new TelegramNotifier(c, http, AlertTemplates.load(List.of()))
                .notify(EmailHtmlEscapingTest.hostile(), List.of()).ok());
        return (String) ((Map<String, Object>) Json.parse(sent.get(0).body())).get("text");
    }

    @Test
    void htmlParseModeEscapesLabelValues() throws Exception {
        String text = sentText("{bot_token: T, chat_id: 1, message: '<b>{{ .CommonLabels.alertname }}</b> "
                + "{{ .CommonLabels.team }}'}");
        assertEquals("<b>&lt;script&gt;alert(1)&lt;/script&gt;</b> a&amp;b &#34;q&#34; &#39;x&#39;", text);
        String dflt = sentText("{bot_token: T, chat_id: 1}");
        assertTrue(dflt.contains("alertname=&lt;script&gt;alert(1)&lt;/script&gt;"), dflt);
    }

    @Test
    void otherParseModesRenderText() throws Exception {
        assertEquals("*<script>alert(1)</script>*", sentText("{bot_token: T, chat_id: 1, parse_mode: Markdown, "
                + "message: '*{{ .CommonLabels.alertname }}*'}"));
    }
}
