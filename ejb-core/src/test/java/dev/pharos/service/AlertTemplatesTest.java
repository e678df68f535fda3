package dev.pharos.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.alertmanager.notify.NotificationData;
import dev.pharos.testsupport.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AlertTemplatesTest {

    static NotificationData sample() {
        Instant t = Instant.parse("2024-01-02T03:04:05Z");
        var a1 = new NotificationData.AlertData("firing", new TreeMap<>(Map.of("alertname", "Down", "job", "node",
                "instance", "a:9100")), new TreeMap<>(Map.of("summary", "node down")), t, null,
                "http://prom/graph", "0123456789abcdef");
        var a2 = new NotificationData.AlertData("resolved", new TreeMap<>(Map.of("alertname", "Down", "job", "node",
                "instance", "b:9100")), new TreeMap<>(Map.of("summary", "node down")), t, t.plusSeconds(60),
                "http://prom/graph", "fedcba9876543210");
        return new NotificationData("team\\-x", "firing", List.of(a1, a2), Map.of("alertname", "Down"),
                new TreeMap<>(Map.of("alertname", "Down", "job", "node")), Map.of("summary", "node down"),
                "http://am:9093", "{}:{alertname=\"Down\"}");
    }

    @Test
    void subjectFollowsTheOriginalShape() throws Exception {
        AlertTemplates t = AlertTemplates.load(List.of());
        assertEquals("[FIRING:1] Down (node)", t.render("{{ template \"__subject\" . }}", sample()));
        assertEquals("danger", t.render("{{ template \"slack.default.color\" . }}", sample()));
        assertEquals("http://am:9093/#/alerts?receiver=team%5C-x",
                t.render("{{ template \"slack.default.titlelink\" . }}", sample()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"__subject", "__text_alert_list", "slack.default.title", "slack.default.text",
            "slack.default.fallback", "email.default.subject", "email.default.html", "pagerduty.default.description",
            "pagerduty.default.client", "opsgenie.default.message",
            "opsgenie.default.description", "opsgenie.default.source", "telegram.default.message",
            "msteams.default.title", "msteams.default.text", "msteams.default.summary", "msteamsv2.default.text",
            "discord.default.title", "discord.default.message", "webex.default.message"})
    void everyDefaultNameRenders(String name) throws Exception {
        AlertTemplates t = AlertTemplates.load(List.of());
        String arg = name.equals("__text_alert_list") ? ".Alerts" : ".";
        t.render("{{ template \"" + name + "\" " + arg + " }}", sample());
    }

    @Test
    void emailHtmlListsFiringAndResolved() throws Exception {
        String html = AlertTemplates.load(List.of()).render("{{ template \"email.default.html\" . }}", sample());
        assertTrue(html.contains("[1] Firing"), html);
        assertTrue(html.contains("[1] Resolved"), html);
        assertTrue(html.contains("instance = a:9100"), html);
    }

    @Test
    void opsgenieDescriptionHasSummaryAndLists() throws Exception {
        String d = AlertTemplates.load(List.of()).render("{{ template \"opsgenie.default.description\" . }}",
                sample());
        assertTrue(d.startsWith("node down\nAlerts Firing:\nLabels:\n - alertname = Down\n"), d);
        assertTrue(d.contains("Alerts Resolved:"), d);
    }

    @Test
    void theOriginalDefaultTemplateFileLoadsAndRendersAsAUserTemplate() throws Exception {
        Path file = SharedData.conformance("alertmanager-templates").resolve("default.tmpl");
        AlertTemplates t = AlertTemplates.load(List.of(file.toString()));
        assertEquals("[FIRING:1] Down (node)", t.render("{{ template \"slack.default.title\" . }}", sample()));
        String desc = t.render("{{ template \"opsgenie.default.description\" . }}", sample());
        assertTrue(desc.contains("Alerts Firing:"), desc);
        assertFalse(t.render("{{ template \"telegram.default.message\" . }}", sample()).isEmpty());
    }

    @Test
    void userFilesByGlobOverrideDefaults(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.tmpl"), "{{ define \"slack.default.title\" }}custom {{ .Status }}{{ end }}");
        Files.writeString(dir.resolve("ignored.txt"), "{{ define \"x\" }}");
        AlertTemplates t = AlertTemplates.load(List.of(dir.resolve("*.tmpl").toString()));
        assertEquals("custom firing", t.render("{{ template \"slack.default.title\" . }}", sample()));
    }

    @Test
    void parseErrorsNameTheFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("bad.tmpl"), "{{ define \"x\" }}{{ .Foo ");
        try {
            AlertTemplates.load(List.of(dir.resolve("bad.tmpl").toString()));
        } catch (dev.pharos.template.TemplateException e) {
            assertTrue(e.getMessage().contains("bad.tmpl"), e.getMessage());
            return;
        }
        throw new AssertionError("no error");
    }

    @Test
    void silenceMatchersRoundTripThroughTheTextColumn() {
        var ms = List.of(new dev.pharos.model.LabelMatcher(dev.pharos.model.MatchType.EQUAL, "a", "x\ty\\z\nw"),
                new dev.pharos.model.LabelMatcher(dev.pharos.model.MatchType.NOT_REGEX, "b", ".*"));
        var back = JpaSilenceStore.decode(JpaSilenceStore.encode(ms));
        assertEquals(ms.toString(), back.toString());
    }
}
