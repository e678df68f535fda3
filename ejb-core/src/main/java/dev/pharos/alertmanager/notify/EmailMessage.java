package dev.pharos.alertmanager.notify;

import dev.pharos.alertmanager.config.TlsConfig;
import java.util.List;
import java.util.Map;

/**
 * A rendered notification e-mail and how to deliver it: headers (Subject, To, From and any
 * configured ones, rendered), HTML and text bodies (null when not configured), SMTP settings.
 * {@code forceImplicitTls} is null when not configured (then port 465 means implicit TLS).
 */
public record EmailMessage(String from, List<String> to, Map<String, String> headers, String html, String text,
        String smarthost, String hello, String authUsername, String authPassword, String authSecret,
        String authIdentity, boolean requireTls, TlsConfig tlsConfig, Boolean forceImplicitTls) {

    /** Whether to open the connection with TLS (SMTPS) rather than upgrading with STARTTLS, as the original decides. */
    public boolean implicitTls() {
        if (forceImplicitTls != null) {
            return forceImplicitTls;
        }
        int colon = smarthost.lastIndexOf(':');
        return colon >= 0 && smarthost.substring(colon + 1).equals("465");
    }
}
