package dev.pharos.alertmanager.notify;

import dev.pharos.alertmanager.Alert;
import dev.pharos.alertmanager.GoTime;
import dev.pharos.alertmanager.Json;
import dev.pharos.alertmanager.config.IntegrationConfig;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Opsgenie Alert API v2: create (alias = hash of the group key) when firing, close when resolved. */
public final class OpsgenieNotifier implements Notifier {

    private final IntegrationConfig cfg;
    private final HttpTransport http;
    private final MessageRenderer renderer;

    public OpsgenieNotifier(IntegrationConfig cfg, HttpTransport http, MessageRenderer renderer) {
        this.cfg = cfg;
        this.http = http;
        this.renderer = renderer;
    }

    @Override
    public NotifyResult notify(NotificationData data, List<Alert> alerts) {
        String key;
        try {
            key = SecretFiles.valueOrFile(cfg, "api_key");
        } catch (IOException e) {
            return NotifyResult.failed(false, "other", "failed to read API key from file: " + e.getMessage());
        }
        Tmpl t = new Tmpl(renderer, data);
        HttpRequestSpec req = request(cfg, data, t);
        if (t.error() != null) {
            return NotifyResult.failed(false, "other", t.error());
        }
        // Opsgenie rate limits with 429, which the original retries.
        return HttpTransport.call(http, req.withHeader("Authorization", "GenieKey " + key), 429);
    }

    static HttpRequestSpec request(IntegrationConfig c, NotificationData data, Tmpl t) {
        String alias = PagerDutyNotifier.hashKey(data.groupKey());
        String base = c.str("api_url");
        if (data.status().equals("resolved")) {
            Map<String, Object> close = new LinkedHashMap<>();
            close.put("source", t.t(c.str("source")));
            String url = base + "v2/alerts/" + URLEncoder.encode(alias, StandardCharsets.UTF_8)
                    + "/close?identifierType=alias";
            return HttpRequestSpec.postJson(url, Json.write(close) + "\n", null);
        }
        return HttpRequestSpec.postJson(base + "v2/alerts", Json.write(createPayload(c, data, t)) + "\n", null);
    }

    static Map<String, Object> createPayload(IntegrationConfig c, NotificationData data, Tmpl t) {
        Map<String, Object> details = new TreeMap<>(data.commonLabels());
        c.map("details").forEach((k, v) -> details.put(k, t.t(String.valueOf(v))));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("alias", PagerDutyNotifier.hashKey(data.groupKey()));
        m.put("message", GoTime.truncateRunes(t.t(c.str("message")), 130));
        SlackNotifier.putNonEmpty(m, "description", t.t(c.str("description")));
        m.put("details", details);
        m.put("source", t.t(c.str("source")));
        List<Object> responders = new ArrayList<>();
        for (Object o : c.list("responders")) {
            Map<?, ?> r = (Map<?, ?>) o;
            String type = t.t(SlackNotifier.str(r, "type"));
            if (type.equals("teams")) {
                for (String name : t.t(SlackNotifier.str(r, "name")).split(",")) {
                    Map<String, Object> rm = new LinkedHashMap<>();
                    rm.put("name", name.trim());
                    rm.put("type", "team");
                    responders.add(rm);
                }
                continue;
            }
            Map<String, Object> rm = new LinkedHashMap<>();
            SlackNotifier.putNonEmpty(rm, "id", t.t(SlackNotifier.str(r, "id")));
            SlackNotifier.putNonEmpty(rm, "name", t.t(SlackNotifier.str(r, "name")));
            SlackNotifier.putNonEmpty(rm, "username", t.t(SlackNotifier.str(r, "username")));
            rm.put("type", type);
            responders.add(rm);
        }
        if (!responders.isEmpty()) {
            m.put("responders", responders);
        }
        List<String> tags = new ArrayList<>();
        for (String tag : t.t(c.str("tags")).split(",")) {
            if (!tag.trim().isEmpty()) {
                tags.add(tag.trim());
            }
        }
        if (!tags.isEmpty()) {
            m.put("tags", tags);
        }
        SlackNotifier.putNonEmpty(m, "note", t.t(c.str("note")));
        SlackNotifier.putNonEmpty(m, "priority", t.t(c.str("priority")));
        SlackNotifier.putNonEmpty(m, "entity", t.t(c.str("entity")));
        List<String> actions = new ArrayList<>();
        for (String a : t.t(c.str("actions")).split(",")) {
            if (!a.trim().isEmpty()) {
                actions.add(a.trim());
            }
        }
        if (!actions.isEmpty()) {
            m.put("actions", actions);
        }
        return m;
    }
}
