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

/** The webhook integration: the original's JSON message version "4", POSTed to url (or url_file). */
public final class WebhookNotifier implements Notifier {

    private final IntegrationConfig cfg;
    private final HttpTransport http;

    private final MessageRenderer renderer;

    public WebhookNotifier(IntegrationConfig cfg, HttpTransport http) {
        this(cfg, http, (t, d) -> t);
    }

    /** With a renderer for templated URLs (the original accepts Go templates in url). */
    public WebhookNotifier(IntegrationConfig cfg, HttpTransport http, MessageRenderer renderer) {
        this.cfg = cfg;
        this.http = http;
        this.renderer = renderer;
    }

    @Override
    public NotifyResult notify(NotificationData data, List<Alert> alerts) {
        int max = cfg.has("max_alerts") ? Integer.parseInt(cfg.str("max_alerts")) : 0;
        int truncated = 0;
        NotificationData d = data;
        if (max > 0 && data.alerts().size() > max) {
            truncated = data.alerts().size() - max;
            d = new NotificationData(data.receiver(), data.status(), data.alerts().subList(0, max), data.groupLabels(),
                    data.commonLabels(), data.commonAnnotations(), data.externalURL(), data.groupKey());
        }
        String url;
        try {
            url = MessageRenderer.apply(renderer, SecretFiles.valueOrFile(cfg, "url").trim(), d);
        } catch (IOException e) {
            return NotifyResult.failed(false, "other", "unable to read URL from file: " + e.getMessage());
        } catch (MessageRenderer.RenderException e) {
            return NotifyResult.failed(false, "other", "failed to template webhook URL: " + e.getMessage());
        }
        Duration timeout = cfg.has("timeout") ? dev.pharos.alertmanager.PromDuration.parse(cfg.str("timeout")) : null;
        return HttpTransport.call(http, HttpRequestSpec.postJson(url, body(d, truncated), timeout));
    }

    /** The request body: Go's JSON encoding of the message, with its trailing newline. */
    public static String body(NotificationData d, int truncatedAlerts) {
        return Json.write(payload(d, truncatedAlerts)) + "\n";
    }

    public static Map<String, Object> payload(NotificationData d, int truncatedAlerts) {
        Map<String, Object> m = templateData(d);
        m.put("version", "4");
        m.put("groupKey", d.groupKey());
        m.put("truncatedAlerts", truncatedAlerts);
        return m;
    }

    /** template.Data as JSON (also what Go templates' toJson of alerts produce). */
    static Map<String, Object> templateData(NotificationData d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("receiver", d.receiver());
        m.put("status", d.status());
        m.put("alerts", alerts(d.alerts()));
        m.put("groupLabels", d.groupLabels());
        m.put("commonLabels", d.commonLabels());
        m.put("commonAnnotations", d.commonAnnotations());
        m.put("externalURL", d.externalURL());
        return m;
    }

    static List<Object> alerts(List<NotificationData.AlertData> alerts) {
        List<Object> out = new ArrayList<>();
        for (NotificationData.AlertData a : alerts) {
            Map<String, Object> am = new LinkedHashMap<>();
            am.put("status", a.status());
            am.put("labels", a.labels());
            am.put("annotations", a.annotations());
            am.put("startsAt", GoTime.rfc3339Nano(a.startsAt()));
            am.put("endsAt", GoTime.rfc3339Nano(a.endsAt()));
            am.put("generatorURL", a.generatorURL());
            am.put("fingerprint", a.fingerprint());
            out.add(am);
        }
        return out;
    }
}
