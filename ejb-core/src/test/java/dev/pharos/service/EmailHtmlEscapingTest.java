package dev.pharos.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.alertmanager.config.ConfigLoader;
import dev.pharos.alertmanager.config.IntegrationConfig;
import dev.pharos.alertmanager.notify.EmailMessage;
import dev.pharos.alertmanager.notify.EmailNotifier;
import dev.pharos.alertmanager.notify.NotificationData;
import dev.pharos.testsupport.SharedData;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The e-mail HTML body goes through html/template-style escaping (as the original's
 * tmplHTML), the text body and headers through text/template: alert values chosen by whoever
 * can post alerts must not become markup or script in the mail.
 */
class EmailHtmlEscapingTest {

    static final String SCRIPT = "<script>alert(1)</script>";

    /** A firing group whose labels, annotations and generator URL are hostile. */
    static NotificationData hostile() {
        Instant t = Instant.parse("2024-01-02T03:04:05Z");
        Map<String, String> labels = new TreeMap<>(Map.of("alertname", SCRIPT, "team", "a&b \"q\" 'x'"));
        Map<String, String> ann = new TreeMap<>(Map.of("summary", "<b>bold</b> & <i>it</i>"));
        var a = new NotificationData.AlertData("firing", labels, ann, t, null, "javascript:alert(2)",
                "0123456789abcdef");
        return new NotificationData("ops", "firing", List.of(a), Map.of("alertname", SCRIPT), labels, ann,
                "http://am:9093", "{}:{alertname=\"x\"}");
    }

    static EmailMessage send(String emailYaml, List<String> templateFiles) throws Exception {
        IntegrationConfig c = ConfigLoader.load("route: {receiver: r}\nreceivers:\n  - name: r\n"
                + "    email_configs:\n      - " + emailYaml + "\n").receivers().get(0).integrations().get(0);
        List<EmailMessage> sent = new ArrayList<>();
        var result = new EmailNotifier(c, sent::add, AlertTemplates.load(templateFiles)).notify(hostile(), List.of());
        assertTrue(result.ok(), String.valueOf(result));
        return sent.get(0);
    }

    static final String BASE = "{to: a@example.org, from: am@example.org, smarthost: 'localhost:25'";

    @Test
    void defaultHtmlBodyEscapesEveryAlertValue() throws Exception {
        EmailMessage m = send(BASE + ", text: '{{ template \"email.default.text\" . }}'}", List.of());
        String html = m.html();
        assertFalse(html.contains("<script>"), html);
        assertFalse(html.contains("<b>"), html);
        assertTrue(html.contains("<title>[FIRING:1] &lt;script&gt;alert(1)&lt;/script&gt; (a&amp;b &#34;q&#34; "
                + "&#39;x&#39;)</title>"), html);
        assertTrue(html.contains("alertname = &lt;script&gt;alert(1)&lt;/script&gt;<br>"), html);
        assertTrue(html.contains("summary = &lt;b&gt;bold&lt;/b&gt; &amp; &lt;i&gt;it&lt;/i&gt;<br>"), html);
        // A javascript: generator URL is filtered out of href, as Go's urlfilter does.
        assertTrue(html.contains("<a href=\"#ZgotmplZ\">Source</a>"), html);
        assertTrue(html.contains("<a href=\"http://am:9093/#/alerts?receiver=ops\">View in Alertmanager</a>"), html);
        // The text part and the subject are text/template: no escaping there.
        assertTrue(m.text().startsWith("[FIRING:1] " + SCRIPT + " (a&b \"q\" 'x')"), m.text());
        assertEquals("[FIRING:1] " + SCRIPT + " (a&b \"q\" 'x')", m.headers().get("Subject"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        // text context
        "'<p>{{ .CommonLabels.alertname }}</p>'|<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>",
        // quoted attribute
        "'<p title=\"{{ .CommonLabels.team }}\">x</p>'|<p title=\"a&amp;b &#34;q&#34; &#39;x&#39;\">x</p>",
        // unquoted attribute: spaces and quotes escaped too
        "'<p title={{ .CommonLabels.team }}>x</p>'|<p title=a&amp;b&#32;&#34;q&#34;&#32;&#39;x&#39;>x</p>",
        // safeHtml is trusted markup in text context
        "'<div>{{ safeHtml .CommonAnnotations.summary }}</div>'|<div><b>bold</b> & <i>it</i></div>",
        // URL: scheme filtered, otherwise normalised; a query value is query-escaped
        "'<a href=\"{{ (index .Alerts 0).GeneratorURL }}\">s</a>'|<a href=\"#ZgotmplZ\">s</a>",
        "'<a href=\"{{ .ExternalURL }}/{{ .CommonLabels.team }}\">s</a>'"
                + "|<a href=\"http://am:9093/a&amp;b%20%22q%22%20%27x%27\">s</a>",
        "'<a href=\"/x?t={{ .CommonLabels.team }}\">s</a>'|<a href=\"/x?t=a%26b%20%22q%22%20%27x%27\">s</a>",
        // comments in the template text are dropped
        "'<p><!-- {{ .Receiver }} -->x</p>'|<p>x</p>",
    })
    void userHtmlIsEscapedByContext(String template, String expected) throws Exception {
        EmailMessage m = send(BASE + ", html: " + template + "}", List.of());
        assertEquals(expected, m.html());
    }

    @Test
    void theOriginalDefaultTemplateRendersEscapedAsAUserFile() throws Exception {
        Path file = SharedData.conformance("alertmanager-templates").resolve("default.tmpl");
        EmailMessage m = send(BASE + ", html: '<h1>{{ template \"__subject\" . }}</h1>"
                + "<a href=\"{{ template \"__alertmanagerURL\" . }}\">am</a>'}", List.of(file.toString()));
        assertEquals("<h1>[FIRING:1] &lt;script&gt;alert(1)&lt;/script&gt; (a&amp;b &#34;q&#34; &#39;x&#39;)</h1>"
                + "<a href=\"http://am:9093/#/alerts?receiver=ops\">am</a>", m.html());
        // Pharos's own email.default.html still comes from the defaults, escaped.
        EmailMessage d = send(BASE + "}", List.of(file.toString()));
        assertTrue(d.html().contains("&lt;script&gt;"), d.html());
        assertFalse(d.html().contains(SCRIPT), d.html());
    }
}
