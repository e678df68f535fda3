package dev.pharos.alertmanager.config;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The templated defaults of each integration (the original's Default*Config values, as
 * configuration.md lists them). The original decodes a receiver entry onto a copy of these, so
 * an absent key keeps its default while a key written as {@code ''} (or with no value) is empty:
 * {@code title: ''} sends an empty title. Settings that fall back to {@code global} instead
 * (from, smarthost, api_url, ...) treat "" as unset; they are not here.
 */
final class TemplateDefaults {

    private static final Map<IntegrationType, Map<String, String>> DEFAULTS = new EnumMap<>(IntegrationType.class);

    static {
        put(IntegrationType.DISCORD, "title", tmpl("discord.default.title"), "message", tmpl("discord.default.message"),
                "content", tmpl("discord.default.content"));
        put(IntegrationType.EMAIL, "html", tmpl("email.default.html"));
        put(IntegrationType.PAGERDUTY, "description", "{{ template \"pagerduty.default.description\" .}}",
                "client", tmpl("pagerduty.default.client"), "client_url", tmpl("pagerduty.default.clientURL"));
        put(IntegrationType.SLACK, "color", tmpl("slack.default.color"), "username", tmpl("slack.default.username"),
                "title", tmpl("slack.default.title"), "title_link", tmpl("slack.default.titlelink"),
                "icon_emoji", tmpl("slack.default.iconemoji"), "icon_url", tmpl("slack.default.iconurl"),
                "pretext", tmpl("slack.default.pretext"), "text", tmpl("slack.default.text"),
                "fallback", tmpl("slack.default.fallback"), "callback_id", tmpl("slack.default.callbackid"),
                "footer", tmpl("slack.default.footer"));
        put(IntegrationType.ROCKETCHAT, "color", "{{ if eq .Status \"firing\" }}red{{ else }}green{{ end }}",
                "emoji", tmpl("rocketchat.default.emoji"), "icon_url", tmpl("rocketchat.default.iconurl"),
                "text", tmpl("rocketchat.default.text"), "title", tmpl("rocketchat.default.title"),
                "title_link", tmpl("rocketchat.default.titlelink"));
        put(IntegrationType.OPSGENIE, "message", tmpl("opsgenie.default.message"),
                "description", tmpl("opsgenie.default.description"), "source", tmpl("opsgenie.default.source"));
        put(IntegrationType.WECHAT, "message", tmpl("wechat.default.message"), "to_user", tmpl("wechat.default.to_user"),
                "to_party", tmpl("wechat.default.to_party"), "to_tag", tmpl("wechat.default.to_tag"),
                "agent_id", tmpl("wechat.default.agent_id"));
        put(IntegrationType.VICTOROPS, "message_type", "CRITICAL",
                "state_message", tmpl("victorops.default.state_message"),
                "entity_display_name", tmpl("victorops.default.entity_display_name"),
                "monitoring_tool", tmpl("victorops.default.monitoring_tool"));
        put(IntegrationType.PUSHOVER, "title", tmpl("pushover.default.title"),
                "message", tmpl("pushover.default.message"), "url", tmpl("pushover.default.url"),
                "priority", "{{ if eq .Status \"firing\" }}2{{ else }}0{{ end }}");
        put(IntegrationType.SNS, "subject", tmpl("sns.default.subject"), "message", tmpl("sns.default.message"));
        put(IntegrationType.TELEGRAM, "message", tmpl("telegram.default.message"));
        put(IntegrationType.MSTEAMS, "title", tmpl("msteams.default.title"), "summary", tmpl("msteams.default.summary"),
                "text", tmpl("msteams.default.text"));
        put(IntegrationType.MSTEAMSV2, "title", tmpl("msteamsv2.default.title"), "text", tmpl("msteamsv2.default.text"));
        put(IntegrationType.WEBEX, "message", tmpl("webex.default.message"));
        put(IntegrationType.MATTERMOST, "fallback", tmpl("mattermost.default.fallback"),
                "color", tmpl("mattermost.default.color"), "title", tmpl("mattermost.default.title"),
                "title_link", tmpl("mattermost.default.titlelink"), "text", tmpl("mattermost.default.text"));
    }

    private TemplateDefaults() {
    }

    /** The default of an integration's setting, null when it has none. */
    static String of(IntegrationType type, String key) {
        return DEFAULTS.getOrDefault(type, Map.of()).get(key);
    }

    /** Fills in the defaults of the keys the entry does not mention. */
    static void apply(IntegrationConfig c) {
        DEFAULTS.getOrDefault(c.type(), Map.of()).forEach(c::defaultIfAbsent);
    }

    private static String tmpl(String name) {
        return "{{ template \"" + name + "\" . }}";
    }

    private static void put(IntegrationType type, String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        DEFAULTS.put(type, Map.copyOf(m));
    }
}
