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

    /** The original's limit on an encoded event; larger ones lose their details. */
    static final int MAX_EVENT_SIZE = 512000;
    static final String TRUNCATED_DETAILS = "Custom details have been removed because the original event exceeds the "
            + "maximum size of 512kB";

    @Override
    public NotifyResult notify(NotificationData data, List<Alert> alerts) {
        boolean v1 = cfg.has("service_key") || cfg.has("service_key_file");
        String key;
        try {
            key = v1 ? SecretFiles.valueOrFile(cfg, "service_key") : SecretFiles.valueOrFile(cfg, "routing_key");
        } catch (IOException e) {
            return NotifyResult.failed(false, "other", "failed to read " + (v1 ? "service" : "routing")
                    + " key from file: " + e.getMessage());
        }
        Tmpl t = new Tmpl(renderer, data);
        Map<String, Object> details = details(cfg, t);
        if (t.error() != null) {
            return NotifyResult.failed(false, "other", t.error());
        }
        Map<String, Object> body = v1 ? payloadV1(cfg, data, key, details, t) : payload(cfg, data, key, details, t);
        if (t.error() != null) {
            return NotifyResult.failed(false, "other", "failed to template PagerDuty " + (v1 ? "v1" : "v2")
                    + " message: " + t.error());
        }
        String sentKey = (String) body.get(v1 ? "service_key" : "routing_key");
        if (sentKey == null || sentKey.isEmpty()) {
            return NotifyResult.failed(false, "other", (v1 ? "service" : "routing") + " key cannot be empty");
        }
        Duration timeout = cfg.has("timeout") ? dev.pharos.alertmanager.PromDuration.parse(cfg.str("timeout")) : null;
        // Events API v1 has one fixed endpoint; url only applies to v2, as in the original.
        String url = v1 ? V1_URL : cfg.str("url");
        return send(HttpRequestSpec.postJson(url, encode(body, v1), timeout), v1 ? 403 : 429);
    }

    /** {@code details}, each string value rendered (nested values of v2 pass through), keys sorted as Go's maps. */
    static Map<String, Object> details(IntegrationConfig c, Tmpl t) {
        Map<String, Object> details = new TreeMap<>();
        c.map("details").forEach((k, v) -> details.put(k, v instanceof String s ? t.t(s) : v));
        return details;
    }

    /** JSON with the trailing newline of Go's encoder; an event over 512 kB keeps only an error detail. */
    @SuppressWarnings("unchecked")
    static String encode(Map<String, Object> body, boolean v1) {
        String json = Json.write(body) + "\n";
        if (json.getBytes(StandardCharsets.UTF_8).length <= MAX_EVENT_SIZE) {
            return json;
        }
        Map<String, Object> small = new LinkedHashMap<>(body);
        if (v1) {
            small.put("details", Map.of("error", TRUNCATED_DETAILS));
        } else {
            Map<String, Object> payload = new LinkedHashMap<>((Map<String, Object>) body.get("payload"));
            payload.put("custom_details", Map.of("error", TRUNCATED_DETAILS));
            small.put("payload", payload);
        }
        return Json.write(small) + "\n";
    }

    /**
     * The original's retrier for PagerDuty: 2xx ok; 5xx and the API's rate-limit code (403 for
     * v1, 429 for v2) retried; a 400 reports the API's message and errors.
     */
    private NotifyResult send(HttpRequestSpec req, int retryCode) {
        HttpTransport.Response r;
        try {
            r = http.send(req);
        } catch (IOException e) {
            return NotifyResult.failed(true, "other", "failed to post message to PagerDuty: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return NotifyResult.failed(false, "other", "interrupted");
        }
        int status = r.status();
        if (status / 100 == 2) {
            return NotifyResult.OK;
        }
        boolean retry = status / 100 == 5 || status == retryCode;
        String msg = "unexpected status code " + status;
        String details = status == 400 ? errorDetails(r.body()) : "";
        if (!details.isEmpty()) {
            msg += ": " + details;
        }
        return NotifyResult.failed(retry, status / 100 == 5 ? "serverError" : status / 100 == 4 ? "clientError"
                : "other", msg);
    }

    /** "message: error1,error2" from a 400 answer of either Events API, "" when it is not that JSON. */
    static String errorDetails(String body) {
        try {
            if (!(Json.parse(body == null ? "" : body) instanceof Map<?, ?> m)) {
                return "";
            }
            List<String> errors = new ArrayList<>();
            if (m.get("errors") instanceof List<?> l) {
                l.forEach(e -> errors.add(String.valueOf(e)));
            }
            Object message = m.get("message");
            return (message == null ? "" : String.valueOf(message)) + ": " + String.join(",", errors);
        } catch (RuntimeException e) {
            return "";
        }
    }

    /**
     * Events API v1 body, field for field as the original's pagerDutyMessage encodes it: the
     * v2-only {@code event_action} and {@code payload} are not omitted (empty string and null);
     * client and client_url only on trigger.
     */
    static Map<String, Object> payloadV1(IntegrationConfig c, NotificationData data, String serviceKey,
            Map<String, Object> details, Tmpl t) {
        boolean trigger = data.status().equals("firing");
        Map<String, Object> msg = new LinkedHashMap<>();
        SlackNotifier.putNonEmpty(msg, "service_key", t.t(serviceKey));
        msg.put("incident_key", hashKey(data.groupKey()));
        msg.put("event_type", trigger ? "trigger" : "resolve");
        SlackNotifier.putNonEmpty(msg, "description", GoTime.truncateRunes(t.t(c.str("description")), 1024));
        msg.put("event_action", "");
        msg.put("payload", null);
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

    /** Events API v2 body in the original's field order. */
    static Map<String, Object> payload(IntegrationConfig c, NotificationData data, String routingKey,
            Map<String, Object> details, Tmpl t) {
        String action = data.status().equals("firing") ? "trigger" : "resolve";
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
        SlackNotifier.putNonEmpty(msg, "routing_key", t.t(routingKey));
        msg.put("dedup_key", hashKey(data.groupKey()));
        msg.put("event_action", action);
        msg.put("payload", payload);
        SlackNotifier.putNonEmpty(msg, "client", t.t(c.str("client")));
        SlackNotifier.putNonEmpty(msg, "client_url", t.t(c.str("client_url")));
        List<Object> images = new ArrayList<>();
        for (Object o : c.list("images")) {
            Map<?, ?> im = (Map<?, ?>) o;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("src", t.t(SlackNotifier.str(im, "src")));
            m.put("alt", t.t(SlackNotifier.str(im, "alt")));
            m.put("href", t.t(SlackNotifier.str(im, "href")));
            // Images without a source are dropped; the others carry all three fields.
            if (!((String) m.get("src")).isEmpty()) {
                images.add(m);
            }
        }
        if (!images.isEmpty()) {
            msg.put("images", images);
        }
        List<Object> links = new ArrayList<>();
        for (Object o : c.list("links")) {
            Map<?, ?> lm = (Map<?, ?>) o;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("href", t.t(SlackNotifier.str(lm, "href")));
            m.put("text", t.t(SlackNotifier.str(lm, "text")));
            if (!((String) m.get("href")).isEmpty()) {
                links.add(m);
            }
        }
        if (!links.isEmpty()) {
            msg.put("links", links);
        }
        return msg;
    }
}
