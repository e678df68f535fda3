package dev.pharos.alertmanager.notify;

import dev.pharos.alertmanager.config.AlertmanagerConfig;
import dev.pharos.alertmanager.config.HttpClientConfig;
import dev.pharos.alertmanager.config.IntegrationConfig;
import dev.pharos.alertmanager.config.ReceiverConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds the integrations of every receiver. Implemented: webhook, email, slack, pagerduty,
 * opsgenie, msteams, msteamsv2, telegram, discord, webex; the others are accepted in configuration and fail at send time
 * with a clear message (counted as failed notifications).
 */
public final class Integrations {

    private Integrations() {
    }

    public static Map<String, List<Integration>> build(AlertmanagerConfig config, MessageRenderer renderer,
            Function<HttpClientConfig, HttpTransport> transports, EmailSender email) {
        Map<String, List<Integration>> out = new LinkedHashMap<>();
        for (ReceiverConfig r : config.receivers()) {
            List<Integration> list = new ArrayList<>();
            for (IntegrationConfig c : r.integrations()) {
                list.add(new Integration(r.name(), c.type().integrationName(), c.index(), c.sendResolved(),
                        notifier(c, renderer, transports, email)));
            }
            out.put(r.name(), List.copyOf(list));
        }
        return out;
    }

    /** With the real HTTP client ({@link JdkHttpTransport}). */
    public static Map<String, List<Integration>> build(AlertmanagerConfig config, MessageRenderer renderer,
            EmailSender email) {
        return build(config, renderer, JdkHttpTransport::new, email);
    }

    static Notifier notifier(IntegrationConfig c, MessageRenderer renderer,
            Function<HttpClientConfig, HttpTransport> transports, EmailSender email) {
        return switch (c.type()) {
            case WEBHOOK -> new WebhookNotifier(c, transports.apply(c.httpConfig()), renderer);
            case SLACK -> new SlackNotifier(c, transports.apply(c.httpConfig()), renderer);
            case PAGERDUTY -> new PagerDutyNotifier(c, transports.apply(c.httpConfig()), renderer);
            case OPSGENIE -> new OpsgenieNotifier(c, transports.apply(c.httpConfig()), renderer);
            case MSTEAMS -> new MSTeamsNotifier(c, transports.apply(c.httpConfig()), renderer);
            case TELEGRAM -> new TelegramNotifier(c, transports.apply(c.httpConfig()), renderer);
            case EMAIL -> new EmailNotifier(c, email, renderer);
            case DISCORD -> new DiscordNotifier(c, transports.apply(c.httpConfig()), renderer);
            case WEBEX -> new WebexNotifier(c, transports.apply(c.httpConfig()), renderer);
            case MSTEAMSV2 -> new MSTeamsV2Notifier(c, transports.apply(c.httpConfig()), renderer);
            default -> (data, alerts) -> NotifyResult.failed(false, "other",
                    "the " + c.type().integrationName() + " integration is not implemented by Pharos");
        };
    }
}
