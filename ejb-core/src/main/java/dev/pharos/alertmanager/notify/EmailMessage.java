package dev.pharos.alertmanager.notify;

import dev.pharos.alertmanager.config.TlsConfig;
import java.util.List;
import java.util.Map;

/**
 * A rendered notification e-mail and how to deliver it: headers (Subject, To, From and any
 * configured ones, rendered), HTML and text bodies (either may be empty), SMTP settings.
 */
public record EmailMessage(String from, List<String> to, Map<String, String> headers, String html, String text,
        String smarthost, String hello, String authUsername, String authPassword, String authSecret,
        String authIdentity, boolean requireTls, TlsConfig tlsConfig) {
}
