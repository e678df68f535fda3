package dev.pharos.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.pharos.alertmanager.config.AlertmanagerConfig;
import dev.pharos.alertmanager.config.ConfigException;
import dev.pharos.alertmanager.config.ConfigLoader;
import dev.pharos.testsupport.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every file of {@code shared/conformance/alertmanager-config} is loaded and must be accepted
 * or rejected as the original Alertmanager does (the expectations and error texts are those
 * of the original's own config tests). A file missing from the table fails the suite, so the
 * table stays complete.
 */
class AlertmanagerConfigConformanceTest {

    /** null reason: accepted. "=text": rejected with exactly that reason. "~text": reason contains text. */
    private static final Map<String, String> EXPECTED = new LinkedHashMap<>();
    private static final List<String> RESULTS = new ArrayList<>();

    static {
        ok("conf.empty-fields.yml");
        ok("conf.good.yml");
        ok("conf.group-by-all.yml");
        ok("conf.http-config.good.yml");
        bad("conf.mattermost-both-webhook-url-and-file.yml",
                "=at most one of mattermost_webhook_url & mattermost_webhook_url_file must be configured");
        ok("conf.mattermost-default-webhook-url-file.yml");
        ok("conf.mattermost-default-webhook-url.yml");
        bad("conf.mattermost-no-webhook-url.yml", "=missing webhook_url or webhook_url_file on mattermost_config");
        // Global conflicts are checked before any receiver, even one overriding both.
        bad("conf.mattermost-valid-receiver-both-webhook-url-and-file.yml",
                "=at most one of mattermost_webhook_url & mattermost_webhook_url_file must be configured");
        bad("conf.nil-match_re-route.yml", "~invalid_label");
        bad("conf.nil-source_match_re-inhibition.yml", "~invalid_source_label");
        bad("conf.nil-target_match_re-inhibition.yml", "~invalid_target_label");
        bad("conf.opsgenie-both-file-and-apikey.yml",
                "=at most one of opsgenie_api_key & opsgenie_api_key_file must be configured");
        ok("conf.opsgenie-default-apikey-file.yml");
        // The deprecated 'teams' field is gone: strict decoding rejects it (line 16).
        bad("conf.opsgenie-default-apikey-old-team.yml", "~field teams not found");
        ok("conf.opsgenie-default-apikey.yml");
        bad("conf.opsgenie-no-apikey.yml", "=no global OpsGenie API Key set either inline or in a file");
        bad("conf.rocketchat-both-token-and-tokenfile.yml",
                "=at most one of rocketchat_token & rocketchat_token_file must be configured");
        bad("conf.rocketchat-both-tokenid-and-tokenidfile.yml",
                "=at most one of rocketchat_token_id & rocketchat_token_id_file must be configured");
        ok("conf.rocketchat-default-token-file.yml");
        ok("conf.rocketchat-default-token.yml");
        bad("conf.rocketchat-no-token.yml", "=no global Rocketchat Token set either inline or in a file");
        bad("conf.slack-both-file-and-token.yml",
                "=at most one of slack_app_token & slack_app_token_file must be configured");
        bad("conf.slack-both-file-and-url.yml", "=at most one of slack_api_url & slack_api_url_file must be configured");
        bad("conf.slack-both-url-and-token.yml", "=at most one of slack_app_token/slack_app_token_file & "
                + "slack_api_url/slack_api_url_file must be configured");
        ok("conf.slack-default-api-url-file.yml");
        ok("conf.slack-default-app-token.yml");
        bad("conf.slack-no-api-url-or-token.yml", "=no Slack API URL nor App token set either inline or in a file");
        bad("conf.slack-update-message-and-webhook.yml", "=update_message can only be used with bot tokens. "
                + "api_url must be set to https://slack.com/api/chat.postMessage");
        bad("conf.smtp-both-password-and-file.yml",
                "=at most one of smtp_auth_password & smtp_auth_password_file must be configured");
        ok("conf.smtp-no-username-or-password.yml");
        ok("conf.smtp-password-global-and-local.yml");
        bad("conf.sns-invalid.yml", "=must provide either a Target ARN, Topic ARN, or Phone Number for SNS config");
        ok("conf.sns-topic-arn.yml");
        bad("conf.telegram-both-bot-token-and-file.yml",
                "=at most one of telegram_bot_token & telegram_bot_token_file must be configured");
        ok("conf.telegram-default-bot-token-file.yml");
        ok("conf.telegram-default-bot-token.yml");
        bad("conf.telegram-no-bot-token.yml", "=missing bot_token or bot_token_file on telegram_config");
        bad("conf.telegram-valid-receiver-both-bot-token-and-file.yml",
                "=at most one of telegram_bot_token & telegram_bot_token_file must be configured");
        bad("conf.victorops-both-file-and-apikey.yml",
                "=at most one of victorops_api_key & victorops_api_key_file must be configured");
        ok("conf.victorops-default-apikey-file.yml");
        ok("conf.victorops-default-apikey.yml");
        bad("conf.victorops-no-apikey.yml", "=no global VictorOps API Key set");
        bad("conf.wechat-both-file-and-secret.yml",
                "=at most one of wechat_api_secret & wechat_api_secret_file must be configured");
        ok("conf.wechat-default-api-secret-file.yml");
        bad("conf.wechat-no-api-secret.yml", "=no global Wechat Api Secret set either inline or in a file");
    }

    private static void ok(String file) {
        EXPECTED.put(file, null);
    }

    private static void bad(String file, String reason) {
        EXPECTED.put(file, reason);
    }

    @TestFactory
    Stream<DynamicTest> corpus() throws IOException {
        Path dir = SharedData.conformance("alertmanager-config");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
        }
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
    }

    private static void check(Path file) throws IOException {
        String name = file.getFileName().toString();
        if (!EXPECTED.containsKey(name)) {
            RESULTS.add("FAILED  " + name + ": no expectation in the table");
            fail("no expectation for corpus file " + name + ": add it to the table with the original's outcome");
        }
        String expected = EXPECTED.get(name);
        try {
            AlertmanagerConfig cfg = ConfigLoader.loadFile(file);
            if (expected != null) {
                RESULTS.add("FAILED  " + name + ": accepted, expected rejection " + expected);
                fail("expected rejection (" + expected.substring(1) + ") but the config was accepted");
            }
            assertTrue(cfg.route() != null);
            RESULTS.add("passed  " + name + " (accepted)");
        } catch (ConfigException e) {
            if (expected == null) {
                RESULTS.add("FAILED  " + name + ": rejected: " + e.getMessage());
                fail("expected acceptance but got: " + e.getMessage());
            }
            String want = expected.substring(1);
            boolean good = expected.startsWith("=") ? e.reason().equals(want) : e.reason().contains(want);
            RESULTS.add((good ? "passed  " : "FAILED  ") + name + " (rejected: " + e.getMessage() + ")");
            if (expected.startsWith("=")) {
                assertEquals(want, e.reason(), e.getMessage());
            } else {
                assertTrue(good, "reason should contain '" + want + "' but was: " + e.getMessage());
            }
            assertTrue(e.getMessage().startsWith(name), "error names the file: " + e.getMessage());
        }
    }

    @AfterAll
    static void report() {
        long passed = RESULTS.stream().filter(r -> r.startsWith("passed")).count();
        System.out.println("alertmanager-config conformance: " + passed + " passed, " + (RESULTS.size() - passed)
                + " failed, 0 skipped (of " + EXPECTED.size() + " expected files)");
        RESULTS.forEach(r -> System.out.println("  " + r));
    }
}
