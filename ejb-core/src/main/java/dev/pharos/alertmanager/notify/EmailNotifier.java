package dev.pharos.alertmanager.notify;

import dev.pharos.alertmanager.Alert;
import dev.pharos.alertmanager.config.IntegrationConfig;
import dev.pharos.alertmanager.config.TlsConfig;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
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
        // By key presence, as the original: "Subject: ''" sends an empty subject, no key the default one.
        headers.put("Subject", t.t(header(configured, "Subject", DEFAULT_SUBJECT)));
        headers.put("To", t.t(header(configured, "To", c.str("to"))));
        headers.put("From", t.t(header(configured, "From", c.str("from"))));
        configured.forEach((k, v) -> {
            if (!headers.containsKey(k)) {
                headers.put(k, t.t(header(configured, k, "")));
            }
        });
        headers.putAll(threadHeaders(c, t.data().groupKey(), LocalDate.now(ZoneId.systemDefault())));
        // null: not configured, so no such MIME part (the original decides by the setting, not the result).
        String html = c.has("html") ? t.h(c.str("html")) : null;
        String text = c.has("text") ? t.t(c.str("text")) : null;
        if (t.error() != null) {
            throw new IllegalStateException(t.error());
        }
        // The envelope comes from the to/from settings, not from the (overridable) headers, as in the original.
        List<String> from = addresses(t.t(c.str("from")));
        if (from == null) {
            throw new IllegalStateException("parse 'from' addresses: " + t.t(c.str("from")));
        }
        if (from.size() != 1) {
            throw new IllegalStateException("must be exactly one 'from' address (got: " + from.size() + ")");
        }
        List<String> to = addresses(t.t(c.str("to")));
        if (to == null) {
            throw new IllegalStateException("parse 'to' addresses: " + t.t(c.str("to")));
        }
        // tls_config of the receiver, else global.smtp_tls_config (the loader copies it in).
        TlsConfig tls = TlsConfig.fromMap(c.map("tls_config"));
        Boolean implicit = c.has("force_implicit_tls") ? c.bool("force_implicit_tls") : null;
        return new EmailMessage(from.get(0), to, headers, html, text, c.str("smarthost"), c.str("hello"),
                c.str("auth_username"), SecretFiles.valueOrFile(c, "auth_password"),
                SecretFiles.valueOrFile(c, "auth_secret"), c.str("auth_identity"),
                !c.has("require_tls") || c.bool("require_tls"), tls, implicit);
    }

    /**
     * With {@code threading.enabled}: References and In-Reply-To naming a thread root that no
     * mail carries (mail clients group the messages under a stand-in for it), made of the
     * group key's hash and, with thread_by_date daily, the sending day; so one alert group's
     * mails of a day form one thread. Empty when threading is off.
     */
    static Map<String, String> threadHeaders(IntegrationConfig c, String groupKey, LocalDate today) {
        Map<String, Object> th = c.map("threading");
        if (!Boolean.TRUE.equals(th.get("enabled"))) {
            return Map.of();
        }
        String day = "none".equals(th.get("thread_by_date")) ? "" : today.toString();
        String root = "<alert-" + PagerDutyNotifier.hashKey(groupKey).substring(0, 16) + "-" + day + "@alertmanager>";
        Map<String, String> h = new LinkedHashMap<>();
        h.put("References", root);
        h.put("In-Reply-To", root);
        return h;
    }

    /** A configured header's text ("" for one written with no value), or {@code dflt} when not configured. */
    private static String header(Map<String, Object> configured, String name, String dflt) {
        if (!configured.containsKey(name)) {
            return dflt;
        }
        Object v = configured.get(name);
        return v == null ? "" : String.valueOf(v);
    }

    /**
     * The addr-specs of an RFC 5322 address list ({@code a@x, "Doe, J" <j@x>, Team <t@x>}):
     * commas inside quotes, angle brackets or comments do not separate. Null when malformed.
     */
    static List<String> addresses(String list) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        int angle = 0;
        int comment = 0;
        for (int i = 0; i < list.length(); i++) {
            char ch = list.charAt(i);
            if (quoted) {
                if (ch == '\\' && i + 1 < list.length()) {
                    cur.append(ch).append(list.charAt(++i));
                    continue;
                }
                quoted = ch != '"';
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == '(') {
                comment++;
            } else if (ch == ')' && comment > 0) {
                comment--;
            } else if (ch == '<') {
                angle++;
            } else if (ch == '>') {
                angle--;
            } else if (ch == ',' && angle == 0 && comment == 0) {
                if (!addOne(cur.toString(), out)) {
                    return null;
                }
                cur.setLength(0);
                continue;
            }
            cur.append(ch);
        }
        if (quoted || angle != 0 || comment != 0 || !addOne(cur.toString(), out)) {
            return null;
        }
        return out.isEmpty() ? null : out;
    }

    private static boolean addOne(String entry, List<String> out) {
        String e = entry.trim();
        if (e.isEmpty()) {
            return false;
        }
        int lt = e.lastIndexOf('<');
        String spec = lt >= 0 ? e.substring(lt + 1, e.indexOf('>', lt)) : e.replaceAll("\\(.*?\\)", "").trim();
        int at = spec.lastIndexOf('@');
        if (at <= 0 || at == spec.length() - 1 || spec.contains(" ")) {
            return false;
        }
        out.add(spec);
        return true;
    }
}
