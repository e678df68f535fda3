package dev.pharos.alertmanager.notify;

import dev.pharos.alertmanager.Alert;
import dev.pharos.alertmanager.GoTime;
import dev.pharos.alertmanager.Json;
import dev.pharos.alertmanager.config.IntegrationConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Telegram Bot API sendMessage, as the original sends it through its bot library: a JSON
 * object of strings with sorted keys (chat_id, disable_notification, disable_web_page_preview,
 * message_thread_id, parse_mode, text). With parse_mode HTML the message is rendered with
 * html/template escaping (label values cannot break Telegram's HTML), and a message beyond
 * Telegram's limits (32768 bytes, 4096 visible characters) is replaced by a notice instead of
 * being cut inside markup; otherwise the text is cut to 4096 characters. Failures are retried.
 */
public final class TelegramNotifier implements Notifier {

    static final int MAX_MESSAGE_BYTES = 1 << 15;
    static final int MAX_MESSAGE_RUNES = 4096;
    /** The original's replacement text, indentation included (it sits in a Go raw string). */
    static final String TOO_LONG = "Alertmanager notification could not be sent: message length exceeds Telegram "
            + "limits.\n\t\t\tPlease check the template used for producing the message content.";

    private final IntegrationConfig cfg;
    private final HttpTransport http;
    private final MessageRenderer renderer;

    public TelegramNotifier(IntegrationConfig cfg, HttpTransport http, MessageRenderer renderer) {
        this.cfg = cfg;
        this.http = http;
        this.renderer = renderer;
    }

    @Override
    public NotifyResult notify(NotificationData data, List<Alert> alerts) {
        Tmpl t = new Tmpl(renderer, data);
        String text = text(cfg, t);
        if (t.error() != null) {
            return NotifyResult.failed(false, "other", t.error());
        }
        String token;
        String chatId;
        try {
            token = SecretFiles.valueOrFile(cfg, "bot_token");
            chatId = cfg.has("chat_id_file") && !cfg.has("chat_id") ? SecretFiles.read(cfg.str("chat_id_file"))
                    : cfg.str("chat_id");
            Long.parseLong(chatId);
        } catch (IOException e) {
            return NotifyResult.failed(true, "other", "could not read " + e.getMessage());
        } catch (NumberFormatException e) {
            return NotifyResult.failed(true, "other", "could not parse chat_id from " + cfg.str("chat_id_file")
                    + ": " + e.getMessage());
        }
        String base = cfg.str("api_url");
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        HttpTransport.Response r;
        try {
            r = http.send(HttpRequestSpec.postJson(base + "/bot" + token + "/sendMessage",
                    Json.write(payload(cfg, chatId, text)) + "\n", null));
        } catch (IOException e) {
            // The token is part of the URL: never put the URL in the message.
            return NotifyResult.failed(true, "other", "telegram: request failed: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return NotifyResult.failed(false, "other", "interrupted");
        }
        return result(r);
    }

    /** The message as rendered and limited for the parse mode. */
    static String text(IntegrationConfig c, Tmpl t) {
        if (c.str("parse_mode").equals("HTML")) {
            String html = t.h(c.str("message"));
            if (html.getBytes(StandardCharsets.UTF_8).length > MAX_MESSAGE_BYTES
                    || htmlTextRuneCount(html) > MAX_MESSAGE_RUNES) {
                return TOO_LONG;
            }
            return html;
        }
        return GoTime.truncateRunes(t.t(c.str("message")), MAX_MESSAGE_RUNES);
    }

    /** The request body's parameters: every value a string, keys sorted (a Go map of strings). */
    static Map<String, Object> payload(IntegrationConfig c, String chatId, String text) {
        Map<String, Object> m = new TreeMap<>();
        m.put("chat_id", chatId);
        m.put("text", text);
        m.put("disable_web_page_preview", "true");
        if (c.bool("disable_notifications")) {
            m.put("disable_notification", "true");
        }
        if (!c.str("parse_mode").isEmpty()) {
            m.put("parse_mode", c.str("parse_mode"));
        }
        if (c.has("message_thread_id") && !c.str("message_thread_id").equals("0")) {
            m.put("message_thread_id", c.str("message_thread_id"));
        }
        return m;
    }

    /** The Bot API answers {"ok":true,...} or {"ok":false,"error_code":n,"description":"..."}. */
    static NotifyResult result(HttpTransport.Response r) {
        Object parsed;
        try {
            parsed = Json.parse(r.body() == null ? "" : r.body());
        } catch (RuntimeException e) {
            parsed = null;
        }
        if (parsed instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("ok"))) {
            return NotifyResult.OK;
        }
        int code = r.status();
        String description = "";
        if (parsed instanceof Map<?, ?> m) {
            if (m.get("error_code") instanceof Number n) {
                code = n.intValue();
            }
            description = m.get("description") == null ? "" : String.valueOf(m.get("description"));
        }
        String reason = code / 100 == 5 ? "serverError" : code / 100 == 4 ? "clientError" : "other";
        return NotifyResult.failed(true, reason, "telegram: " + (description.isEmpty()
                ? "unexpected status code " + r.status() : description + " (" + code + ")"));
    }

    /**
     * Characters Telegram counts in an HTML message: text outside tags, where the entities
     * Telegram decodes (&lt; &gt; &amp; &quot; and numeric ones) count as one. Comments, a
     * doctype or a tag left open make the whole message count, as in the original.
     */
    static int htmlTextRuneCount(String s) {
        int count = 0;
        int i = 0;
        while (i < s.length()) {
            char ch = s.charAt(i);
            if (ch == '<' && i + 1 < s.length() && isTagStart(s.charAt(i + 1))) {
                if (s.startsWith("<!", i) || s.startsWith("<?", i)) {
                    return s.codePointCount(0, s.length());
                }
                int end = s.indexOf('>', i);
                if (end < 0) {
                    return s.codePointCount(0, s.length());
                }
                i = end + 1;
                continue;
            }
            if (ch == '&') {
                int len = entityLength(s, i);
                if (len > 0) {
                    count++;
                    i += len;
                    continue;
                }
            }
            count++;
            i += Character.charCount(s.codePointAt(i));
        }
        return count;
    }

    private static boolean isTagStart(char c) {
        return Character.isLetter(c) || c == '/' || c == '!' || c == '?';
    }

    /** Length of an entity Telegram decodes at i, 0 when it stays literal (TDLib's rules). */
    static int entityLength(String s, int i) {
        int n = s.length();
        if (i + 1 >= n) {
            return 0;
        }
        int end = i + 1;
        if (s.charAt(end) != '#') {
            while (end < n && Character.isLetter(s.charAt(end)) && s.charAt(end) < 128) {
                end++;
            }
            String name = s.substring(i + 1, end);
            if (!name.equals("lt") && !name.equals("gt") && !name.equals("amp") && !name.equals("quot")) {
                return 0;
            }
            return (end < n && s.charAt(end) == ';' ? end + 1 : end) - i;
        }
        end++;
        int base = 10;
        if (end < n && s.charAt(end) == 'x') {
            base = 16;
            end++;
        }
        int digits = end;
        while (end < n && Character.digit(s.charAt(end), base) >= 0 && s.charAt(end) < 128) {
            end++;
        }
        if (end == digits || end - i >= 10) {
            return 0;
        }
        long code = Long.parseLong(s.substring(digits, end), base);
        if (code == 0 || code >= Character.MAX_CODE_POINT) {
            return 0;
        }
        return (end < n && s.charAt(end) == ';' ? end + 1 : end) - i;
    }
}
