package dev.pharos.alertmanager.notify;

import dev.pharos.alertmanager.Alert;
import dev.pharos.alertmanager.GoTime;
import dev.pharos.alertmanager.Json;
import dev.pharos.alertmanager.config.IntegrationConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** PagerDuty Events API v2: trigger / resolve events deduplicated by the hash of the group key. */
public final class PagerDutyNotifier implements Notifier {

    private final IntegrationConfig cfg;
    private final HttpTransport http;
    private final MessageRenderer renderer;

    public PagerDutyNotifier(IntegrationConfig cfg, HttpTransport http, MessageRenderer renderer) {
        this.cfg = cfg;
        this.http = http;
        this.renderer = renderer;
    }

    /** Events API v1 endpoint, used when a service_key is configured. */
    public static final String V1_URL = "https://events.pagerduty.com/generic/2010-04-15/create_event.json";

    @Override
    public NotifyResult notify(NotificationData data, List<Alert> alerts) {
        if (cfg.has("service_key") || cfg.has("service_key_file")) {
            return notifyV1(data);
        }
        String routingKey;
        try {
            routingKey = SecretFiles.valueOrFile(cfg, "routing_key");
        } catch (IOException e) {
            return NotifyResult.failed(false, "other", "failed to read routing key from file: " + e.getMessage());
        }
        Tmpl t = new Tmpl(renderer, data);
        Map<String, Object> body = payload(cfg, data, routingKey, t);
        if (t.error() != null) {
            return NotifyResult.failed(false, "other", t.error());
        }
        Duration timeout = cfg.has("timeout") ? dev.pharos.alertmanager.PromDuration.parse(cfg.str("timeout")) : null;
        return HttpTransport.call(http, HttpRequestSpec.postJson(cfg.str("url"), Json.write(body) + "\n", timeout));
    }

    private NotifyResult notifyV1(NotificationData data) {
        String serviceKey;
        try {
            serviceKey = SecretFiles.valueOrFile(cfg, "service_key");
        } catch (IOException e) {
            return NotifyResult.failed(false, "other", "failed to read service key from file: " + e.getMessage());
        }
        Tmpl t = new Tmpl(renderer, data);
        Map<String, Object> body = payloadV1(cfg, data, serviceKey, t);
        if (t.error() != null) {
            return NotifyResult.failed(false, "other", t.error());
        }
        String url = cfg.str("url").equals("https://events.pagerduty.com/v2/enqueue") ? V1_URL : cfg.str("url");
        return HttpTransport.call(http, HttpRequestSpec.postJson(url, Json.write(body) + "\n", null));
    }

    /** Events API v1: trigger / resolve with incident_key = hash of the group key. */
    static Map<String, Object> payloadV1(IntegrationConfig c, NotificationData data, String serviceKey, Tmpl t) {
        boolean trigger = data.status().equals("firing");
        Map<String, Object> details = new TreeMap<>();
        c.map("details").forEach((k, v) -> details.put(k, v instanceof String s ? t.t(s) : v));
        Map<String, Object> msg = new LinkedHashMap<>();
        msg.put("service_key", serviceKey);
        msg.put("incident_key", hashKey(data.groupKey()));
        msg.put("event_type", trigger ? "trigger" : "resolve");
        SlackNotifier.putNonEmpty(msg, "description", GoTime.truncateRunes(t.t(c.str("description")), 1024));
        if (trigger) {
            SlackNotifier.putNonEmpty(msg, "client", t.t(c.str("client")));
            SlackNotifier.putNonEmpty(msg, "client_url", t.t(c.str("client_url")));
        }
        if (!details.isEmpty()) {
            msg.put("details", details);
        }
        return msg;
    }

    /** The original's group key hash: sha256 of the key, hex. */
    public static String hashKey(String groupKey) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(groupKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> payload(IntegrationConfig c, NotificationData data, String routingKey, Tmpl t) {
        String action = data.status().equals("firing") ? "trigger" : "resolve";
        Map<String, Object> details = new TreeMap<>();
        c.map("details").forEach((k, v) -> details.put(k, v instanceof String s ? t.t(s) : v));
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("summary", GoTime.truncateRunes(t.t(c.str("description")), 1024));
        payload.put("source", t.t(c.str("source")));
        String severity = c.str("severity", "error");
        payload.put("severity", t.t(severity));
        SlackNotifier.putNonEmpty(payload, "class", t.t(c.str("class")));
        SlackNotifier.putNonEmpty(payload, "component", t.t(c.str("component")));
        SlackNotifier.putNonEmpty(payload, "group", t.t(c.str("group")));
        if (!details.isEmpty()) {
            payload.put("custom_details", details);
        }
        Map<String, Object> msg = new LinkedHashMap<>();
        SlackNotifier.putNonEmpty(msg, "routing_key", routingKey);
        msg.put("dedup_key", hashKey(data.groupKey()));
        msg.put("event_action", action);
        msg.put("payload", payload);
        SlackNotifier.putNonEmpty(msg, "client", t.t(c.str("client")));
        SlackNotifier.putNonEmpty(msg, "client_url", t.t(c.str("client_url")));
        List<Object> images = new ArrayList<>();
        for (Object o : c.list("images")) {
            Map<?, ?> im = (Map<?, ?>) o;
            Map<String, Object> m = new LinkedHashMap<>();
            SlackNotifier.putNonEmpty(m, "src", t.t(SlackNotifier.str(im, "src")));
            SlackNotifier.putNonEmpty(m, "alt", t.t(SlackNotifier.str(im, "alt")));
            SlackNotifier.putNonEmpty(m, "href", t.t(SlackNotifier.str(im, "href")));
            images.add(m);
        }
        if (!images.isEmpty()) {
            msg.put("images", images);
        }
        List<Object> links = new ArrayList<>();
        for (Object o : c.list("links")) {
            Map<?, ?> lm = (Map<?, ?>) o;
            Map<String, Object> m = new LinkedHashMap<>();
            SlackNotifier.putNonEmpty(m, "href", t.t(SlackNotifier.str(lm, "href")));
            SlackNotifier.putNonEmpty(m, "text", t.t(SlackNotifier.str(lm, "text")));
            links.add(m);
        }
        if (!links.isEmpty()) {
            msg.put("links", links);
        }
        return msg;
    }
}
