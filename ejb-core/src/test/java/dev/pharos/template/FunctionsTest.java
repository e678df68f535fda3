package dev.pharos.template;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pharos.template.alertdata.Data;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The documented functions beyond the conformance corpus (newer Alertmanager/Prometheus ones). */
class FunctionsTest {

    private static final long NOW = 1_709_290_800_000L; // 2024-03-01T11:00:00Z

    private static final Data DATA = Data.fromMap(Map.of("receiver", "ops", "status", "firing", "alerts",
            List.of(Map.of("status", "firing", "labels", Map.of("alertname", "X"), "annotations", Map.of(),
                    "startsAt", "2024-03-01T10:00:00Z", "endsAt", "0001-01-01T00:00:00Z")),
            "groupLabels", Map.of(), "commonLabels", Map.of("alertname", "X"), "commonAnnotations", Map.of(),
            "externalURL", "http://am"));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", value = {
        "{{ trimSpace \"  a b \\n\" }} => a b",
        "{{ (index .Alerts 0).StartsAt | date \"2006-01-02 15:04\" }} => 2024-03-01 10:00",
        "{{ (index .Alerts 0).StartsAt | tz \"Europe/Paris\" | date \"15:04 MST\" }} => 11:00 CET",
        "{{ since (index .Alerts 0).StartsAt }} => 1h0m0s",
        "{{ humanizeDuration 3661 }} => 1h 1m 1s",
        "{{ urlUnescape \"a%20b+c\" }} => a b c",
        "{{ toJson .CommonLabels }} => {\"alertname\":\"X\"}",
        "{{ (dict \"a\" 1 \"b\" \"x\").b }} => x",
        "{{ list 1 \"a\" }} => [1 a]",
        "{{ append (list 1) 2 3 }} => [1 2 3]",
        "{{ base64encode \"hi?\" }} => aGk_",
        "{{ base64decode \"aGk_\" }} => hi?",
        "{{ safeUrl \"javascript:x\" }} => javascript:x",
        "{{ title \"hello wORLD\" }} => Hello World",
    })
    void alertmanager(String text, String expected) throws TemplateException {
        TemplateSet s = new TemplateSet(FunctionSet.alertmanager(() -> NOW), TemplateSet.MissingKey.ZERO);
        assertEquals(expected, s.executeText(text, DATA));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", value = {
        "{{ toDuration 90 }} => 1m30s",
        "{{ now }} => 1.7092908e+09",
        "{{ urlQueryEscape \"a b/c\" }} => a+b%2Fc",
        "{{ humanize \"1e3\" }} => 1k",
        "{{ title \"hello wORLD\" }} => Hello WORLD",
        "{{ parseDuration \"1w\" }} => 604800",
    })
    void prometheus(String text, String expected) throws TemplateException {
        FunctionSet fs = FunctionSet.prometheus(q -> List.of(), "http://p/", () -> NOW);
        assertEquals(expected, Template.parse("t", text, fs).execute(null));
    }

    @Test
    void prometheusExpansionNeverThrows() {
        FunctionSet fs = FunctionSet.prometheus(q -> {
            throw new Exception("boom");
        }, "http://p");
        PrometheusTemplates.AlertData d = new PrometheusTemplates.AlertData(Map.of("job", "a"), Map.of(), "http://p", 1);
        assertEquals("<error expanding template: error parsing template __alert_A: template: __alert_A:1: unexpected EOF>",
                PrometheusTemplates.expandAlertField("A", "{{ if $value }}", d, fs));
        assertEquals("<error expanding template: error executing template __alert_A: template: __alert_A:1:115: "
                + "executing \"__alert_A\" at <query \"up\">: error calling query: boom>",
                PrometheusTemplates.expandAlertField("A", "{{ query \"up\" }}", d, fs));
        assertEquals("a is 1", PrometheusTemplates.expandAlertField("A", "{{ $labels.job }} is {{ $value }}", d, fs));
    }

    @Test
    void perEvaluationQueryFunction() throws TemplateException {
        FunctionSet load = FunctionSet.prometheus(null, "http://p");
        Template t = PrometheusTemplates.compileAlertField("A", "{{ query \"up\" | first | value }}", load);
        PrometheusTemplates.AlertData d = new PrometheusTemplates.AlertData(Map.of(), Map.of(), "http://p", 1);
        FunctionSet eval = FunctionSet.prometheus(q -> List.of(new QuerySample(Map.of(), 7)), "http://p");
        assertEquals("7", PrometheusTemplates.expand(t, d, eval));
    }
}
