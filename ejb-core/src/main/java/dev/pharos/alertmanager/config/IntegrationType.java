package dev.pharos.alertmanager.config;

import java.util.Set;

/**
 * The receiver integrations of the original: their YAML key, their integration name (as in
 * metrics and the API), the {@code send_resolved} default and the fields they accept (null
 * where this port accepts any field, for integrations it does not send to).
 */
public enum IntegrationType {
    DISCORD("discord_configs", "discord", true, true,
            Set.of("webhook_url", "webhook_url_file", "title", "message", "content", "username", "avatar_url")),
    EMAIL("email_configs", "email", false, false,
            Set.of("to", "from", "hello", "smarthost", "auth_username", "auth_password", "auth_password_file",
                    "auth_secret", "auth_secret_file", "auth_identity", "headers", "html", "text", "require_tls",
                    "tls_config", "force_implicit_tls", "threading")),
    INCIDENTIO("incidentio_configs", "incidentio", true, true, null),
    PAGERDUTY("pagerduty_configs", "pagerduty", true, true,
            Set.of("service_key", "service_key_file", "routing_key", "routing_key_file", "url", "client",
                    "client_url", "description", "details", "images", "links", "source", "severity", "class",
                    "component", "group", "timeout")),
    SLACK("slack_configs", "slack", false, true,
            Set.of("api_url", "api_url_file", "app_token", "app_token_file", "app_url", "channel", "username",
                    "color", "title", "title_link", "pretext", "text", "message_text", "fields", "short_fields",
                    "footer", "fallback", "callback_id", "icon_emoji", "icon_url", "image_url", "thumb_url",
                    "link_names", "mrkdwn_in", "actions", "update_message", "timeout")),
    WEBHOOK("webhook_configs", "webhook", true, true, Set.of("url", "url_file", "max_alerts", "timeout")),
    OPSGENIE("opsgenie_configs", "opsgenie", true, true,
            Set.of("api_key", "api_key_file", "api_url", "message", "description", "source", "details", "entity",
                    "responders", "actions", "tags", "note", "priority", "update_alerts", "visible_to")),
    WECHAT("wechat_configs", "wechat", false, true,
            Set.of("api_secret", "api_secret_file", "corp_id", "message", "api_url", "to_user", "to_party",
                    "to_tag", "agent_id", "message_type")),
    PUSHOVER("pushover_configs", "pushover", true, true,
            Set.of("user_key", "user_key_file", "token", "token_file", "title", "message", "url", "url_title",
                    "device", "sound", "priority", "retry", "expire", "ttl", "html", "monospace")),
    VICTOROPS("victorops_configs", "victorops", true, true,
            Set.of("api_key", "api_key_file", "api_url", "routing_key", "message_type", "state_message",
                    "entity_display_name", "monitoring_tool", "custom_fields")),
    SNS("sns_configs", "sns", true, true,
            Set.of("api_url", "sigv4", "topic_arn", "phone_number", "target_arn", "subject", "message",
                    "attributes", "use_aws_http_client")),
    TELEGRAM("telegram_configs", "telegram", true, true,
            Set.of("api_url", "bot_token", "bot_token_file", "chat_id", "chat_id_file", "message_thread_id", "message",
                    "disable_notifications", "parse_mode")),
    WEBEX("webex_configs", "webex", true, true, Set.of("api_url", "message", "room_id")),
    MSTEAMS("msteams_configs", "msteams", true, true,
            Set.of("webhook_url", "webhook_url_file", "title", "summary", "text")),
    MSTEAMSV2("msteamsv2_configs", "msteamsv2", true, true,
            Set.of("webhook_url", "webhook_url_file", "title", "text")),
    JIRA("jira_configs", "jira", true, true, null),
    ROCKETCHAT("rocketchat_configs", "rocketchat", false, true,
            Set.of("api_url", "token_id", "token_id_file", "token", "token_file", "channel", "color", "title",
                    "title_link", "text", "fields", "short_fields", "emoji", "icon_url", "image_url", "thumb_url",
                    "link_names", "actions")),
    MATTERMOST("mattermost_configs", "mattermost", true, true, null);

    private final String yamlKey;
    private final String integrationName;
    private final boolean sendResolvedDefault;
    private final boolean hasHttpConfig;
    private final Set<String> fields;

    IntegrationType(String yamlKey, String name, boolean sendResolvedDefault, boolean hasHttpConfig,
            Set<String> fields) {
        this.yamlKey = yamlKey;
        this.integrationName = name;
        this.sendResolvedDefault = sendResolvedDefault;
        this.hasHttpConfig = hasHttpConfig;
        this.fields = fields;
    }

    public String yamlKey() {
        return yamlKey;
    }

    public String integrationName() {
        return integrationName;
    }

    public boolean sendResolvedDefault() {
        return sendResolvedDefault;
    }

    public boolean hasHttpConfig() {
        return hasHttpConfig;
    }

    /** Accepted fields besides send_resolved and http_config; null means any. */
    public Set<String> fields() {
        return fields;
    }

    public static IntegrationType byYamlKey(String key) {
        for (IntegrationType t : values()) {
            if (t.yamlKey.equals(key)) {
                return t;
            }
        }
        return null;
    }
}
