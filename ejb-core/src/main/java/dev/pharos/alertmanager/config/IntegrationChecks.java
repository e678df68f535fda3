package dev.pharos.alertmanager.config;

import static dev.pharos.alertmanager.config.YamlNodes.error;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The integrations' own checks (while decoding) and the global defaults and checks applied to
 * them afterwards, each in the original's order and with its wording.
 */
final class IntegrationChecks {

    /** The order in which the original applies global defaults to a receiver's integrations. */
    static final List<IntegrationType> CONFIG_ORDER = List.of(IntegrationType.WEBHOOK, IntegrationType.EMAIL,
            IntegrationType.SLACK, IntegrationType.PUSHOVER, IntegrationType.PAGERDUTY, IntegrationType.INCIDENTIO,
            IntegrationType.OPSGENIE, IntegrationType.WECHAT, IntegrationType.VICTOROPS, IntegrationType.SNS,
            IntegrationType.TELEGRAM, IntegrationType.DISCORD, IntegrationType.WEBEX, IntegrationType.MSTEAMS,
            IntegrationType.MSTEAMSV2, IntegrationType.JIRA, IntegrationType.ROCKETCHAT, IntegrationType.MATTERMOST);

    private static final Set<String> URL_KEYS = Set.of("url", "api_url", "app_url", "webhook_url");
    private static final Set<String> RESPONDER_TYPES = Set.of("team", "teams", "user", "escalation", "schedule");

    private IntegrationChecks() {
    }

    /** Checks done by the integration's own decoding (UnmarshalYAML in the original). */
    static void decode(IntegrationConfig c, Node n, String path, Map<String, Node> nodes) {
        for (String k : URL_KEYS) {
            if (c.has(k) && nodes.containsKey(k) && !(c.type() == IntegrationType.SNS)) {
                String s = c.str(k);
                if (!s.equals("<secret>") && !s.contains("{{")) {
                    YamlNodes.checkUrl(nodes.get(k), YamlNodes.join(path, k), s);
                }
            }
        }
        TemplateDefaults.apply(c);
        switch (c.type()) {
            case WEBHOOK -> {
                if (!c.has("url") && !c.has("url_file")) {
                    throw error(n, path, "one of url or url_file must be configured");
                }
                both(c, n, path, "url", "url_file");
                if (c.has("max_alerts")) {
                    try {
                        if (Integer.parseInt(c.str("max_alerts")) < 0) {
                            throw error(n, path, "max_alerts must not be negative");
                        }
                    } catch (NumberFormatException e) {
                        throw error(nodes.get("max_alerts"), path + ".max_alerts",
                                "cannot unmarshal !!str `" + c.str("max_alerts") + "` into uint64");
                    }
                }
            }
            case EMAIL -> {
                if (!c.has("to")) {
                    throw error(n, path, "missing to address in email config");
                }
                Map<String, Object> canonical = new LinkedHashMap<>();
                for (Map.Entry<String, Object> h : c.map("headers").entrySet()) {
                    String key = canonicalHeader(h.getKey());
                    if (canonical.put(key, h.getValue()) != null) {
                        throw error(n, path, "duplicate header " + YamlNodes.quote(key) + " in email config");
                    }
                }
                c.put("headers", canonical);
                threading(c, n, path, canonical);
            }
            case PAGERDUTY -> {
                if (!c.has("routing_key") && !c.has("service_key") && !c.has("routing_key_file")
                        && !c.has("service_key_file")) {
                    throw error(n, path, "missing service or routing key in PagerDuty config");
                }
                both(c, n, path, "routing_key", "routing_key_file");
                both(c, n, path, "service_key", "service_key_file");
                Map<String, Object> details = new LinkedHashMap<>(c.map("details"));
                // By key presence: a detail written with an empty value stays empty.
                for (String[] d : new String[][] {{"firing", "{{ .Alerts.Firing | toJson }}"},
                    {"resolved", "{{ .Alerts.Resolved | toJson }}"}, {"num_firing", "{{ .Alerts.Firing | len }}"},
                    {"num_resolved", "{{ .Alerts.Resolved | len }}"}}) {
                    if (!details.containsKey(d[0])) {
                        details.put(d[0], d[1]);
                    }
                }
                c.put("details", details);
                // An empty source (unlike the templated defaults) falls back to the client.
                c.putIfAbsent("source", c.str("client"));
            }
            case SLACK -> {
                both(c, n, path, "api_url", "api_url_file");
                both(c, n, path, "app_token", "app_token_file");
                if ((c.has("api_url") || c.has("api_url_file")) && (c.has("app_token") || c.has("app_token_file"))) {
                    throw error(n, path, "at most one of api_url/api_url_file & app_token/app_token_file must be configured");
                }
                if (c.bool("update_message") && !c.str("api_url").equals("https://slack.com/api/chat.postMessage")) {
                    throw error(n, path, "update_message can only be used with bot tokens. api_url must be set to "
                            + "https://slack.com/api/chat.postMessage");
                }
                for (Object f : c.list("fields")) {
                    Map<?, ?> fm = f instanceof Map<?, ?> m ? m : Map.of();
                    if (str(fm, "title").isEmpty()) {
                        throw error(n, path, "missing title in Slack field configuration");
                    }
                    if (str(fm, "value").isEmpty()) {
                        throw error(n, path, "missing value in Slack field configuration");
                    }
                }
                for (Object a : c.list("actions")) {
                    Map<?, ?> am = a instanceof Map<?, ?> m ? m : Map.of();
                    if (str(am, "type").isEmpty()) {
                        throw error(n, path, "missing type in Slack action configuration");
                    }
                    if (str(am, "text").isEmpty()) {
                        throw error(n, path, "missing text in Slack action configuration");
                    }
                    if (str(am, "url").isEmpty() && str(am, "name").isEmpty()) {
                        throw error(n, path, "missing name or url in Slack action configuration");
                    }
                }
            }
            case OPSGENIE -> {
                both(c, n, path, "api_key", "api_key_file");
                for (Object r : c.list("responders")) {
                    Map<?, ?> rm = r instanceof Map<?, ?> m ? m : Map.of();
                    if (str(rm, "id").isEmpty() && str(rm, "name").isEmpty() && str(rm, "username").isEmpty()) {
                        throw error(n, path, "opsGenieConfig responder " + rm + " has to have at least one of id, "
                                + "username or name specified");
                    }
                    String type = str(rm, "type");
                    if (!type.contains("{{") && !RESPONDER_TYPES.contains(type.toLowerCase(Locale.ROOT))) {
                        throw error(n, path, "opsGenieConfig responder " + rm + " type does not match valid options "
                                + "^(team|teams|user|escalation|schedule)$");
                    }
                }
            }
            case WECHAT -> {
                String type = c.str("message_type", "text");
                if (!type.equals("text") && !type.equals("markdown")) {
                    throw error(n, path, "weChat message type " + YamlNodes.quote(type)
                            + " does not match valid options ^(text|markdown)$");
                }
                both(c, n, path, "api_secret", "api_secret_file");
            }
            case PUSHOVER -> {
                if (!c.has("user_key") && !c.has("user_key_file")) {
                    throw error(n, path, "one of user_key or user_key_file must be configured");
                }
                both(c, n, path, "user_key", "user_key_file");
                if (!c.has("token") && !c.has("token_file")) {
                    throw error(n, path, "one of token or token_file must be configured");
                }
                both(c, n, path, "token", "token_file");
                if (c.bool("html") && c.bool("monospace")) {
                    throw error(n, path, "at most one of monospace & html must be configured");
                }
            }
            case VICTOROPS -> {
                if (!c.has("routing_key")) {
                    throw error(n, path, "missing Routing key in VictorOps config");
                }
                both(c, n, path, "api_key", "api_key_file");
                for (String f : List.of("routing_key", "message_type", "state_message", "entity_display_name",
                        "monitoring_tool", "entity_id", "entity_state")) {
                    if (c.map("custom_fields").containsKey(f)) {
                        throw error(n, path, "victorOps config contains custom field " + f
                                + " which cannot be used as it conflicts with the fixed/static fields");
                    }
                }
            }
            case SNS -> {
                boolean target = !c.has("target_arn");
                boolean topic = !c.has("topic_arn");
                boolean phone = !c.has("phone_number");
                if ((target != topic) != phone) {
                    throw error(n, path, "must provide either a Target ARN, Topic ARN, or Phone Number for SNS config");
                }
            }
            case TELEGRAM -> {
                both(c, n, path, "bot_token", "bot_token_file");
                String chat = c.str("chat_id");
                boolean chatFile = c.has("chat_id_file");
                if ((chat.isEmpty() || chat.equals("0")) && !chatFile) {
                    throw error(n, path, "missing chat_id on telegram_config");
                }
                if (chatFile && !(chat.isEmpty() || chat.equals("0"))) {
                    throw error(n, path, "at most one of chat_id & chat_id_file must be configured");
                }
                if (chatFile) {
                    chat = "0";
                }
                try {
                    Long.parseLong(chat);
                } catch (NumberFormatException e) {
                    throw error(nodes.get("chat_id"), path + ".chat_id",
                            "cannot unmarshal !!str `" + chat + "` into int64");
                }
                // An explicit empty parse_mode means plain text (the default HTML applies only when absent).
                if (c.values().get("parse_mode") == null) {
                    c.put("parse_mode", "HTML");
                }
                String mode = c.str("parse_mode");
                if (!Set.of("", "Markdown", "MarkdownV2", "HTML").contains(mode)) {
                    throw error(n, path, "unknown parse_mode on telegram_config, must be Markdown, MarkdownV2, HTML or empty string");
                }
            }
            case WEBEX -> {
                if (!c.has("room_id")) {
                    throw error(n, path, "missing room_id on webex_config");
                }
                if (c.httpConfig() == null || !c.httpConfig().hasAuthorization()) {
                    throw error(n, path, "missing webex_configs.http_config.authorization");
                }
            }
            case DISCORD, MSTEAMS, MSTEAMSV2, MATTERMOST -> both(c, n, path, "webhook_url", "webhook_url_file");
            case ROCKETCHAT -> {
                both(c, n, path, "token", "token_file");
                both(c, n, path, "token_id", "token_id_file");
            }
            default -> {
            }
        }
    }

    /** Global defaults and checks, as the original's Config decoding applies them. */
    static void applyGlobal(IntegrationConfig c, GlobalConfig g, boolean nil, boolean ownHttpConfig) {
        if (nil && !Set.of(IntegrationType.SLACK, IntegrationType.OPSGENIE, IntegrationType.WECHAT,
                IntegrationType.ROCKETCHAT).contains(c.type())) {
            throw new IllegalArgumentException("missing " + c.type().integrationName() + " config");
        }
        switch (c.type()) {
            case EMAIL -> {
                defaultFrom(c, "smarthost", g, "smtp_smarthost");
                if (!c.has("smarthost")) {
                    throw new IllegalArgumentException("no global SMTP smarthost set");
                }
                defaultFrom(c, "from", g, "smtp_from");
                if (!c.has("from")) {
                    throw new IllegalArgumentException("no global SMTP from set");
                }
                defaultFrom(c, "hello", g, "smtp_hello");
                defaultFrom(c, "auth_username", g, "smtp_auth_username");
                if (!c.has("auth_password") && !c.has("auth_password_file")) {
                    defaultFrom(c, "auth_password", g, "smtp_auth_password");
                    defaultFrom(c, "auth_password_file", g, "smtp_auth_password_file");
                }
                defaultFrom(c, "auth_secret", g, "smtp_auth_secret");
                defaultFrom(c, "auth_secret_file", g, "smtp_auth_secret_file");
                defaultFrom(c, "auth_identity", g, "smtp_auth_identity");
                c.putIfAbsent("require_tls", String.valueOf(g.smtpRequireTls()));
                defaultFrom(c, "force_implicit_tls", g, "smtp_force_implicit_tls");
                if (c.map("tls_config").isEmpty() && !g.smtpTlsConfig().equals(TlsConfig.DEFAULT)) {
                    c.put("tls_config", g.smtpTlsConfig().toMap());
                }
            }
            case SLACK -> {
                defaultFrom(c, "app_url", g, "slack_app_url");
                boolean localAuth = ownHttpConfig && c.httpConfig().hasAuthorization();
                if (!c.has("app_token") && !c.has("app_token_file") && !localAuth && !c.has("api_url")) {
                    defaultFrom(c, "app_token", g, "slack_app_token");
                    defaultFrom(c, "app_token_file", g, "slack_app_token_file");
                }
                if (!c.has("api_url") && !c.has("api_url_file")) {
                    defaultFrom(c, "api_url", g, "slack_api_url");
                    defaultFrom(c, "api_url_file", g, "slack_api_url_file");
                }
                if (!c.has("api_url") && !c.has("api_url_file") && !c.has("app_token") && !c.has("app_token_file")) {
                    throw new IllegalArgumentException("no Slack API URL nor App token set either inline or in a file");
                }
                if (c.has("app_token") || c.has("app_token_file")) {
                    if (localAuth) {
                        throw new IllegalArgumentException("http authorization can't be set when using Slack App tokens");
                    }
                    c.httpConfig(c.httpConfig().withAuthorization("Bearer", c.str("app_token"), c.str("app_token_file")));
                    c.put("api_url", c.str("app_url"));
                }
            }
            case PAGERDUTY -> defaultFrom(c, "url", g, "pagerduty_url");
            case OPSGENIE -> {
                defaultFrom(c, "api_url", g, "opsgenie_api_url");
                if (!c.str("api_url").endsWith("/")) {
                    c.put("api_url", c.str("api_url") + "/");
                }
                defaultFrom(c, "api_key", g, "opsgenie_api_key");
                defaultFrom(c, "api_key_file", g, "opsgenie_api_key_file");
                if (!c.has("api_key") && !c.has("api_key_file")) {
                    throw new IllegalArgumentException("no global OpsGenie API Key set either inline or in a file");
                }
            }
            case WECHAT -> {
                defaultFrom(c, "api_url", g, "wechat_api_url");
                if (!c.has("api_secret") && !c.has("api_secret_file")) {
                    if (!g.isSet("wechat_api_secret") && !g.isSet("wechat_api_secret_file")) {
                        throw new IllegalArgumentException("no global Wechat Api Secret set either inline or in a file");
                    }
                    defaultFrom(c, "api_secret", g, "wechat_api_secret");
                    defaultFrom(c, "api_secret_file", g, "wechat_api_secret_file");
                }
                defaultFrom(c, "corp_id", g, "wechat_api_corp_id");
                if (!c.has("corp_id")) {
                    throw new IllegalArgumentException("no global Wechat CorpID set");
                }
            }
            case VICTOROPS -> {
                defaultFrom(c, "api_url", g, "victorops_api_url");
                defaultFrom(c, "api_key", g, "victorops_api_key");
                defaultFrom(c, "api_key_file", g, "victorops_api_key_file");
                if (!c.has("api_key") && !c.has("api_key_file")) {
                    throw new IllegalArgumentException("no global VictorOps API Key set");
                }
            }
            case TELEGRAM -> {
                defaultFrom(c, "api_url", g, "telegram_api_url");
                if (!c.has("bot_token") && !c.has("bot_token_file")) {
                    if (!g.isSet("telegram_bot_token") && !g.isSet("telegram_bot_token_file")) {
                        throw new IllegalArgumentException("missing bot_token or bot_token_file on telegram_config");
                    }
                    defaultFrom(c, "bot_token", g, "telegram_bot_token");
                    defaultFrom(c, "bot_token_file", g, "telegram_bot_token_file");
                }
            }
            case DISCORD, MSTEAMS, MSTEAMSV2 -> {
                if (!c.has("webhook_url") && !c.has("webhook_url_file")) {
                    throw new IllegalArgumentException("no " + c.type().integrationName()
                            + " webhook URL or URLFile provided");
                }
            }
            case WEBEX -> defaultFrom(c, "api_url", g, "webex_api_url");
            case JIRA -> {
                defaultFrom(c, "api_url", g, "jira_api_url");
                if (!c.has("api_url")) {
                    throw new IllegalArgumentException("no global Jira Cloud URL set");
                }
            }
            case ROCKETCHAT -> {
                defaultFrom(c, "api_url", g, "rocketchat_api_url");
                defaultFrom(c, "token_id", g, "rocketchat_token_id");
                defaultFrom(c, "token_id_file", g, "rocketchat_token_id_file");
                if (!c.has("token_id") && !c.has("token_id_file")) {
                    throw new IllegalArgumentException("no global Rocketchat TokenID set either inline or in a file");
                }
                defaultFrom(c, "token", g, "rocketchat_token");
                defaultFrom(c, "token_file", g, "rocketchat_token_file");
                if (!c.has("token") && !c.has("token_file")) {
                    throw new IllegalArgumentException("no global Rocketchat Token set either inline or in a file");
                }
            }
            case MATTERMOST -> {
                if (!c.has("webhook_url") && !c.has("webhook_url_file")) {
                    if (!g.isSet("mattermost_webhook_url") && !g.isSet("mattermost_webhook_url_file")) {
                        throw new IllegalArgumentException("missing webhook_url or webhook_url_file on mattermost_config");
                    }
                    defaultFrom(c, "webhook_url", g, "mattermost_webhook_url");
                    defaultFrom(c, "webhook_url_file", g, "mattermost_webhook_url_file");
                }
            }
            default -> {
            }
        }
    }

    /**
     * {@code threading}: enabled (default false) and thread_by_date (daily or none; absent means
     * daily, as configuration.md documents). Threading sets References and In-Reply-To itself,
     * so configured headers of those names conflict with it.
     */
    private static void threading(IntegrationConfig c, Node n, String path, Map<String, Object> headers) {
        if (!c.isSet("threading")) {
            return;
        }
        Object raw = c.values().get("threading");
        if (raw != null && !(raw instanceof Map<?, ?>)) {
            throw error(n, path + ".threading", "cannot unmarshal " + raw + " into config.ThreadingConfig");
        }
        Map<?, ?> m = raw == null ? Map.of() : (Map<?, ?>) raw;
        for (Object k : m.keySet()) {
            if (!"enabled".equals(k) && !"thread_by_date".equals(k)) {
                throw error(n, path + ".threading." + k, "field " + k + " not found in type config.ThreadingConfig");
            }
        }
        String enabledText = str(m, "enabled");
        boolean enabled = switch (enabledText) {
            case "true", "True", "TRUE", "yes", "on" -> true;
            case "false", "False", "FALSE", "no", "off", "" -> false;
            default -> throw error(n, path + ".threading.enabled",
                    "cannot unmarshal !!str `" + enabledText + "` into bool");
        };
        String byDate = m.containsKey("thread_by_date") ? str(m, "thread_by_date") : "daily";
        if (enabled) {
            if (headers.containsKey("References")) {
                throw error(n, path, "conflicting configuration: threading.enabled conflicts with custom References "
                        + "header");
            }
            if (headers.containsKey("In-Reply-To")) {
                throw error(n, path, "conflicting configuration: threading.enabled conflicts with custom In-Reply-To "
                        + "header");
            }
            if (!byDate.equals("none") && !byDate.equals("daily")) {
                throw error(n, path, "threading.thread_by_date must be either 'none' or 'daily'");
            }
        }
        Map<String, Object> normalized = new LinkedHashMap<>();
        normalized.put("enabled", enabled);
        normalized.put("thread_by_date", byDate);
        c.put("threading", normalized);
    }

    private static void defaultFrom(IntegrationConfig c, String key, GlobalConfig g, String globalKey) {
        if (!c.has(key) && g.isSet(globalKey)) {
            c.put(key, g.get(globalKey));
        }
    }

    private static void both(IntegrationConfig c, Node n, String path, String a, String b) {
        if (c.has(a) && c.has(b)) {
            throw error(n, path, "at most one of " + a + " & " + b + " must be configured");
        }
    }

    private static String str(Map<?, ?> m, String k) {
        Object v = m.get(k);
        return v == null ? "" : String.valueOf(v);
    }

    static String canonicalHeader(String h) {
        StringBuilder sb = new StringBuilder(h.length());
        boolean upper = true;
        for (char ch : h.toCharArray()) {
            sb.append(upper ? Character.toUpperCase(ch) : Character.toLowerCase(ch));
            upper = ch == '-';
        }
        return sb.toString();
    }
}
