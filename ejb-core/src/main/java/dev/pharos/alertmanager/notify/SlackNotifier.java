package dev.pharos.alertmanager.notify;

import dev.pharos.alertmanager.Alert;
import dev.pharos.alertmanager.GoTime;
import dev.pharos.alertmanager.Json;
import dev.pharos.alertmanager.config.IntegrationConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Slack: one attachment per notification, to an incoming webhook or chat.postMessage. */
public final class SlackNotifier implements Notifier {

    private final IntegrationConfig cfg;
    private final HttpTransport http;
    private final MessageRenderer renderer;

    public SlackNotifier(IntegrationConfig cfg, HttpTransport http, MessageRenderer renderer) {
        this.cfg = cfg;
        this.http = http;
        this.renderer = renderer;
    }

    @Override
    public NotifyResult notify(NotificationData data, List<Alert> alerts) {
        Tmpl t = new Tmpl(renderer, data);
        Map<String, Object> body = payload(cfg, t);
        if (t.error() != null) {
            return NotifyResult.failed(false, "other", t.error());
        }
        String url;
        try {
            url = SecretFiles.valueOrFile(cfg, "api_url").trim();
        } catch (IOException e) {
            return NotifyResult.failed(false, "other", "unable to read API URL from file: " + e.getMessage());
        }
        Duration timeout = cfg.has("timeout") ? dev.pharos.alertmanager.PromDuration.parse(cfg.str("timeout")) : null;
        HttpRequestSpec req = HttpRequestSpec.postJson(url, Json.write(body) + "\n", timeout);
        try {
            HttpTransport.Response r = http.send(req);
            NotifyResult st = NotifyResult.ofStatus(r.status(), r.body());
            if (!st.ok()) {
                return st;
            }
            if (url.startsWith("https://slack.com/api/")) {
                Object parsed = Json.parse(r.body());
                if (parsed instanceof Map<?, ?> m && !Boolean.TRUE.equals(m.get("ok"))) {
                    return NotifyResult.failed(false, "other", "error response from Slack: " + m.get("error"));
                }
            } else if (!r.body().trim().equals("ok")) {
                return NotifyResult.failed(false, "other", "error response from Slack: " + r.body());
            }
            return NotifyResult.OK;
        } catch (IOException e) {
            return NotifyResult.failed(true, "other", "request failed: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return NotifyResult.failed(false, "other", "could not parse Slack response: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return NotifyResult.failed(false, "other", "interrupted");
        }
    }

    static Map<String, Object> payload(IntegrationConfig c, Tmpl t) {
        Map<String, Object> att = new LinkedHashMap<>();
        putNonEmpty(att, "title", GoTime.truncateRunes(t.t(c.str("title")), 1024));
        putNonEmpty(att, "title_link", t.t(c.str("title_link")));
        putNonEmpty(att, "pretext", t.t(c.str("pretext")));
        att.put("text", t.t(c.str("text")));
        att.put("fallback", t.t(c.str("fallback")));
        att.put("callback_id", t.t(c.str("callback_id")));
        List<Object> fields = new ArrayList<>();
        for (Object o : c.list("fields")) {
            Map<?, ?> f = (Map<?, ?>) o;
            Map<String, Object> fm = new LinkedHashMap<>();
            putNonEmpty(fm, "title", t.t(str(f, "title")));
            putNonEmpty(fm, "value", t.t(str(f, "value")));
            fm.put("short", f.get("short") != null ? "true".equals(str(f, "short")) : c.bool("short_fields"));
            fields.add(fm);
        }
        if (!fields.isEmpty()) {
            att.put("fields", fields);
        }
        List<Object> actions = new ArrayList<>();
        for (Object o : c.list("actions")) {
            Map<?, ?> a = (Map<?, ?>) o;
            Map<String, Object> am = new LinkedHashMap<>();
            for (String k : new String[] {"type", "text", "url", "style", "name", "value"}) {
                putNonEmpty(am, k, t.t(str(a, k)));
            }
            if (a.get("confirm") instanceof Map<?, ?> cf) {
                Map<String, Object> cm = new LinkedHashMap<>();
                for (String k : new String[] {"text", "title", "ok_text", "dismiss_text"}) {
                    putNonEmpty(cm, k, t.t(str(cf, k)));
                }
                am.put("confirm", cm);
            }
            actions.add(am);
        }
        if (!actions.isEmpty()) {
            att.put("actions", actions);
        }
        putNonEmpty(att, "image_url", t.t(c.str("image_url")));
        putNonEmpty(att, "thumb_url", t.t(c.str("thumb_url")));
        att.put("footer", t.t(c.str("footer")));
        putNonEmpty(att, "color", t.t(c.str("color")));
        List<Object> mrkdwn = c.list("mrkdwn_in");
        att.put("mrkdwn_in", mrkdwn.isEmpty() ? List.of("fallback", "pretext", "text") : mrkdwn);

        Map<String, Object> req = new LinkedHashMap<>();
        putNonEmpty(req, "channel", t.t(c.str("channel")));
        putNonEmpty(req, "username", t.t(c.str("username")));
        putNonEmpty(req, "icon_emoji", t.t(c.str("icon_emoji")));
        putNonEmpty(req, "icon_url", t.t(c.str("icon_url")));
        if (c.bool("link_names")) {
            req.put("link_names", true);
        }
        putNonEmpty(req, "text", t.t(c.str("message_text")));
        req.put("attachments", List.of(att));
        return req;
    }

    static void putNonEmpty(Map<String, Object> m, String k, String v) {
        if (v != null && !v.isEmpty()) {
            m.put(k, v);
        }
    }

    static String str(Map<?, ?> m, String k) {
        Object v = m.get(k);
        return v == null ? "" : String.valueOf(v);
    }
}
