package dev.pharos.alertmanager.notify;

import dev.pharos.alertmanager.Alert;
import dev.pharos.alertmanager.config.IntegrationConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Microsoft Teams (Office 365 connector MessageCard), colored red when firing and green when resolved. */
public final class MSTeamsNotifier implements Notifier {

    static final String DEFAULT_TITLE = "{{ template \"msteams.default.title\" . }}";
    static final String DEFAULT_SUMMARY = "{{ template \"msteams.default.summary\" . }}";
    static final String DEFAULT_TEXT = "{{ template \"msteams.default.text\" . }}";

    private final IntegrationConfig cfg;
    private final HttpTransport http;
    private final MessageRenderer renderer;

    public MSTeamsNotifier(IntegrationConfig cfg, HttpTransport http, MessageRenderer renderer) {
        this.cfg = cfg;
        this.http = http;
        this.renderer = renderer;
    }

    @Override
    public NotifyResult notify(NotificationData data, List<Alert> alerts) {
        Tmpl t = new Tmpl(renderer, data);
        return WebhookPost.send(cfg, http, t, payload(cfg, data, t));
    }

    static Map<String, Object> payload(IntegrationConfig c, NotificationData data, Tmpl t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("@context", "http://schema.org/extensions");
        m.put("type", "MessageCard");
        m.put("title", t.t(c.strOrDefault("title", DEFAULT_TITLE)));
        m.put("summary", t.t(c.strOrDefault("summary", DEFAULT_SUMMARY)));
        m.put("text", t.t(c.strOrDefault("text", DEFAULT_TEXT)));
        m.put("themeColor", switch (data.status()) {
            case "firing" -> "8C1A1A";
            case "resolved" -> "2DC72D";
            default -> "808080";
        });
        return m;
    }
}
