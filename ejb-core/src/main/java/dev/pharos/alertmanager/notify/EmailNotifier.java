package dev.pharos.alertmanager.notify;

import dev.pharos.alertmanager.Alert;
import dev.pharos.alertmanager.config.IntegrationConfig;
import dev.pharos.alertmanager.config.TlsConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** E-mail: renders subject, headers and bodies, then hands the message to an {@link EmailSender}. */
public final class EmailNotifier implements Notifier {

    static final String DEFAULT_SUBJECT = "{{ template \"email.default.subject\" . }}";

    private final IntegrationConfig cfg;
    private final EmailSender sender;
    private final MessageRenderer renderer;

    public EmailNotifier(IntegrationConfig cfg, EmailSender sender, MessageRenderer renderer) {
        this.cfg = cfg;
        this.sender = sender;
        this.renderer = renderer;
    }

    @Override
    public NotifyResult notify(NotificationData data, List<Alert> alerts) {
        EmailMessage m;
        try {
            m = message(cfg, new Tmpl(renderer, data));
        } catch (IOException e) {
            return NotifyResult.failed(false, "other", "failed to read secret from file: " + e.getMessage());
        } catch (IllegalStateException e) {
            return NotifyResult.failed(false, "other", e.getMessage());
        }
        try {
            sender.send(m);
            return NotifyResult.OK;
        } catch (IOException e) {
            return NotifyResult.failed(true, "other", "send failed: " + e.getMessage());
        } catch (Exception e) {
            return NotifyResult.failed(false, "other", "send failed: " + e.getMessage());
        }
    }

    static EmailMessage message(IntegrationConfig c, Tmpl t) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, Object> configured = c.map("headers");
        headers.put("Subject", t.t(String.valueOf(configured.getOrDefault("Subject", DEFAULT_SUBJECT))));
        headers.put("To", t.t(String.valueOf(configured.getOrDefault("To", c.str("to")))));
        headers.put("From", t.t(String.valueOf(configured.getOrDefault("From", c.str("from")))));
        configured.forEach((k, v) -> {
            if (!headers.containsKey(k)) {
                headers.put(k, t.t(String.valueOf(v)));
            }
        });
        String html = t.h(c.str("html"));
        String text = t.t(c.str("text"));
        if (t.error() != null) {
            throw new IllegalStateException(t.error());
        }
        List<String> to = new ArrayList<>();
        for (String addr : headers.get("To").split(",")) {
            if (!addr.trim().isEmpty()) {
                to.add(addr.trim());
            }
        }
        // tls_config of the receiver, else global.smtp_tls_config (the loader copies it in).
        TlsConfig tls = TlsConfig.fromMap(c.map("tls_config"));
        Boolean implicit = c.has("force_implicit_tls") ? c.bool("force_implicit_tls") : null;
        return new EmailMessage(headers.get("From"), to, headers, html, text, c.str("smarthost"), c.str("hello"),
                c.str("auth_username"), SecretFiles.valueOrFile(c, "auth_password"),
                SecretFiles.valueOrFile(c, "auth_secret"), c.str("auth_identity"),
                !c.has("require_tls") || c.bool("require_tls"), tls, implicit);
    }
}
