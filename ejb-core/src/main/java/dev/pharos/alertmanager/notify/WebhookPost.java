package dev.pharos.alertmanager.notify;

import dev.pharos.alertmanager.Json;
import dev.pharos.alertmanager.config.IntegrationConfig;
import java.io.IOException;
import java.util.Map;

/**
 * The common send step of the integrations that post one JSON document to a configured
 * {@code webhook_url} (or {@code webhook_url_file}): Discord and both Microsoft Teams kinds.
 */
final class WebhookPost {

    private WebhookPost() {
    }

    /** Posts the payload unless rendering it failed; template and file errors are not retried. */
    static NotifyResult send(IntegrationConfig cfg, HttpTransport http, Tmpl t, Map<String, Object> body) {
        if (t.error() != null) {
            return NotifyResult.failed(false, "other", t.error());
        }
        String url;
        try {
            url = SecretFiles.valueOrFile(cfg, "webhook_url").trim();
        } catch (IOException e) {
            return NotifyResult.failed(false, "other", "unable to read webhook URL from file: " + e.getMessage());
        }
        return HttpTransport.call(http, HttpRequestSpec.postJson(url, Json.write(body) + "\n", null));
    }
}
