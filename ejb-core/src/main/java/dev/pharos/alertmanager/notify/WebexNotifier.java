package dev.pharos.alertmanager.notify;

import dev.pharos.alertmanager.Alert;
import dev.pharos.alertmanager.Json;
import dev.pharos.alertmanager.config.IntegrationConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Webex: a markdown message to a room (authorization from http_config). */
public final class WebexNotifier implements Notifier {

    private final IntegrationConfig cfg;
    private final HttpTransport http;
    private final MessageRenderer renderer;

    public WebexNotifier(IntegrationConfig cfg, HttpTransport http, MessageRenderer renderer) {
        this.cfg = cfg;
        this.http = http;
        this.renderer = renderer;
    }

    @Override
    public NotifyResult notify(NotificationData data, List<Alert> alerts) {
        Tmpl t = new Tmpl(renderer, data);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("roomId", t.t(cfg.str("room_id")));
        m.put("markdown", t.t(cfg.strOrDefault("message", "{{ template \"webex.default.message\" . }}")));
        if (t.error() != null) {
            return NotifyResult.failed(false, "other", t.error());
        }
        // Webex rate limits with 429, which the original retries.
        return HttpTransport.call(http, HttpRequestSpec.postJson(cfg.str("api_url"), Json.write(m) + "\n", null), 429);
    }
}
