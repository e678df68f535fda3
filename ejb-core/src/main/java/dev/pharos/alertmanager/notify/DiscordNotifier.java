package dev.pharos.alertmanager.notify;

import dev.pharos.alertmanager.Alert;
import dev.pharos.alertmanager.GoTime;
import dev.pharos.alertmanager.config.IntegrationConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Discord webhook: one embed colored by status. */
public final class DiscordNotifier implements Notifier {

    private final IntegrationConfig cfg;
    private final HttpTransport http;
    private final MessageRenderer renderer;

    public DiscordNotifier(IntegrationConfig cfg, HttpTransport http, MessageRenderer renderer) {
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
        Map<String, Object> embed = new LinkedHashMap<>();
        embed.put("title", GoTime.truncateRunes(t.t(c.strOrDefault("title", "{{ template \"discord.default.title\" . }}")),
                256));
        embed.put("description", GoTime.truncateRunes(
                t.t(c.strOrDefault("message", "{{ template \"discord.default.message\" . }}")), 4096));
        embed.put("color", switch (data.status()) {
            case "firing" -> 0x992D22;
            case "resolved" -> 0x2ECC71;
            default -> 0x95A5A6;
        });
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("content", GoTime.truncateRunes(t.t(c.str("content")), 2000));
        m.put("embeds", List.of(embed));
        SlackNotifier.putNonEmpty(m, "username", t.t(c.str("username")));
        SlackNotifier.putNonEmpty(m, "avatar_url", t.t(c.str("avatar_url")));
        return m;
    }
}
