package dev.pharos.alertmanager.notify;

import dev.pharos.alertmanager.Alert;
import dev.pharos.alertmanager.GoTime;
import dev.pharos.alertmanager.Json;
import dev.pharos.alertmanager.config.IntegrationConfig;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Telegram Bot API sendMessage (text cut to 4096 characters). */
public final class TelegramNotifier implements Notifier {

    private final IntegrationConfig cfg;
    private final HttpTransport http;
    private final MessageRenderer renderer;

    public TelegramNotifier(IntegrationConfig cfg, HttpTransport http, MessageRenderer renderer) {
        this.cfg = cfg;
        this.http = http;
        this.renderer = renderer;
    }

    @Override
    public NotifyResult notify(NotificationData data, List<Alert> alerts) {
        String token;
        try {
            token = SecretFiles.valueOrFile(cfg, "bot_token");
        } catch (IOException e) {
            return NotifyResult.failed(false, "other", "failed to read bot token from file: " + e.getMessage());
        }
        Tmpl t = new Tmpl(renderer, data);
        Map<String, Object> body = payload(cfg, t);
        if (t.error() != null) {
            return NotifyResult.failed(false, "other", t.error());
        }
        String base = cfg.str("api_url");
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return HttpTransport.call(http, HttpRequestSpec.postJson(base + "/bot" + token + "/sendMessage",
                Json.write(body), null));
    }

    static Map<String, Object> payload(IntegrationConfig c, Tmpl t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("chat_id", Long.parseLong(c.str("chat_id")));
        if (c.has("message_thread_id")) {
            m.put("message_thread_id", Long.parseLong(c.str("message_thread_id")));
        }
        m.put("text", GoTime.truncateRunes(t.t(c.str("message")), 4096));
        SlackNotifier.putNonEmpty(m, "parse_mode", c.str("parse_mode"));
        if (c.bool("disable_notifications")) {
            m.put("disable_notification", true);
        }
        return m;
    }
}
