package dev.pharos.alertmanager.notify;

import dev.pharos.alertmanager.Alert;
import dev.pharos.alertmanager.config.IntegrationConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Microsoft Teams via Workflows (msteamsv2): an Adaptive Card with a colored title and the text. */
public final class MSTeamsV2Notifier implements Notifier {

    private final IntegrationConfig cfg;
    private final HttpTransport http;
    private final MessageRenderer renderer;

    public MSTeamsV2Notifier(IntegrationConfig cfg, HttpTransport http, MessageRenderer renderer) {
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
        Map<String, Object> title = new LinkedHashMap<>();
        title.put("type", "TextBlock");
        title.put("text", t.t(c.strOrDefault("title", "{{ template \"msteamsv2.default.title\" . }}")));
        title.put("weight", "Bolder");
        title.put("size", "Medium");
        title.put("wrap", true);
        title.put("style", "heading");
        title.put("color", switch (data.status()) {
            case "firing" -> "Attention";
            case "resolved" -> "Good";
            default -> "Default";
        });
        Map<String, Object> text = new LinkedHashMap<>();
        text.put("type", "TextBlock");
        text.put("text", t.t(c.strOrDefault("text", "{{ template \"msteamsv2.default.text\" . }}")));
        text.put("wrap", true);
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        content.put("type", "AdaptiveCard");
        content.put("version", "1.2");
        content.put("body", List.of(title, text));
        content.put("msteams", Map.of("width", "full"));
        Map<String, Object> attachment = new LinkedHashMap<>();
        attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
        attachment.put("contentUrl", null);
        attachment.put("content", content);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "message");
        m.put("attachments", List.of(attachment));
        return m;
    }
}
