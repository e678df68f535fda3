package dev.pharos.alertmanager.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code global} section with the original's defaults applied. String settings are kept
 * by their YAML key ({@link #get}); the typed ones have accessors.
 */
public final class GlobalConfig {

    static final Set<String> FIELDS = Set.of("resolve_timeout", "http_config", "jira_api_url", "smtp_from",
            "smtp_hello", "smtp_smarthost", "smtp_auth_username", "smtp_auth_password", "smtp_auth_password_file",
            "smtp_auth_secret", "smtp_auth_secret_file", "smtp_auth_identity", "smtp_require_tls",
            "smtp_tls_config", "smtp_force_implicit_tls", "slack_api_url", "slack_api_url_file", "slack_app_token",
            "slack_app_token_file", "slack_app_url", "pagerduty_url", "opsgenie_api_url", "opsgenie_api_key",
            "opsgenie_api_key_file", "wechat_api_url", "wechat_api_secret", "wechat_api_secret_file",
            "wechat_api_corp_id", "victorops_api_url", "victorops_api_key", "victorops_api_key_file",
            "telegram_api_url", "telegram_bot_token", "telegram_bot_token_file", "webex_api_url",
            "rocketchat_api_url", "rocketchat_token", "rocketchat_token_file", "rocketchat_token_id",
            "rocketchat_token_id_file", "mattermost_webhook_url", "mattermost_webhook_url_file");

    /** Keys whose values are URLs checked at load time. */
    static final Set<String> URL_FIELDS = Set.of("jira_api_url", "slack_api_url", "slack_app_url",
            "pagerduty_url", "opsgenie_api_url", "wechat_api_url", "victorops_api_url", "telegram_api_url",
            "webex_api_url", "rocketchat_api_url", "mattermost_webhook_url");

    static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("smtp_hello", "localhost");
        d.put("pagerduty_url", "https://events.pagerduty.com/v2/enqueue");
        d.put("opsgenie_api_url", "https://api.opsgenie.com/");
        d.put("wechat_api_url", "https://qyapi.weixin.qq.com/cgi-bin/");
        d.put("victorops_api_url", "https://alert.victorops.com/integrations/generic/20131114/alert/");
        d.put("telegram_api_url", "https://api.telegram.org");
        d.put("webex_api_url", "https://webexapis.com/v1/messages");
        d.put("rocketchat_api_url", "https://open.rocket.chat/");
        d.put("slack_app_url", "https://slack.com/api/chat.postMessage");
        return d;
    }

    private final Map<String, String> values;
    private final Duration resolveTimeout;
    private final HttpClientConfig httpConfig;
    private final TlsConfig smtpTlsConfig;
    private final boolean smtpRequireTls;

    GlobalConfig(Map<String, String> values, Duration resolveTimeout, HttpClientConfig httpConfig,
            TlsConfig smtpTlsConfig, boolean smtpRequireTls) {
        this.values = values;
        this.resolveTimeout = resolveTimeout;
        this.httpConfig = httpConfig;
        this.smtpTlsConfig = smtpTlsConfig;
        this.smtpRequireTls = smtpRequireTls;
    }

    static GlobalConfig defaultConfig() {
        return new GlobalConfig(defaults(), Duration.ofMinutes(5), HttpClientConfig.DEFAULT, TlsConfig.DEFAULT, true);
    }

    /** A string setting, "" when unset. */
    public String get(String key) {
        String v = values.get(key);
        return v == null ? "" : v;
    }

    public boolean isSet(String key) {
        return !get(key).isEmpty();
    }

    public Duration resolveTimeout() {
        return resolveTimeout;
    }

    public HttpClientConfig httpConfig() {
        return httpConfig;
    }

    public TlsConfig smtpTlsConfig() {
        return smtpTlsConfig;
    }

    public boolean smtpRequireTls() {
        return smtpRequireTls;
    }
}
