package dev.pharos.template;

import dev.pharos.template.alertdata.Alert;
import dev.pharos.template.alertdata.Alerts;
import dev.pharos.template.alertdata.Data;
import dev.pharos.template.alertdata.KV;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Template throughput: a Prometheus annotation (compiled once vs parsed per evaluation, as
 * Prometheus itself does) and an Alertmanager notification (subject + alert list) for a group
 * of 10 alerts.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class TemplateBench {

    private static final String ANNOTATION = "{{ $labels.instance }} of job {{ $labels.job }} has "
            + "{{ humanize $value }} errors/s ({{ printf \"%.2f\" $value }})";

    private static final String NOTIFICATION_DEFS = ""
            + "{{ define \"subject\" }}[{{ .Status | toUpper }}{{ if eq .Status \"firing\" }}:{{ .Alerts.Firing | len }}"
            + "{{ end }}] {{ .GroupLabels.SortedPairs.Values | join \" \" }} {{ if gt (len .CommonLabels) (len .GroupLabels) }}"
            + "({{ with .CommonLabels.Remove .GroupLabels.Names }}{{ .Values | join \" \" }}{{ end }}){{ end }}{{ end }}\n"
            + "{{ define \"list\" }}{{ range . }}Labels:\n{{ range .Labels.SortedPairs }} - {{ .Name }} = {{ .Value }}\n"
            + "{{ end }}Annotations:\n{{ range .Annotations.SortedPairs }} - {{ .Name }} = {{ .Value }}\n{{ end }}"
            + "Source: {{ .GeneratorURL }}\n{{ end }}{{ end }}\n"
            + "{{ define \"message\" }}{{ template \"subject\" . }}\n{{ template \"list\" .Alerts.Firing }}{{ end }}";

    private Template annotation;
    private FunctionSet promFunctions;
    private PrometheusTemplates.AlertData alertData;
    private TemplateSet notification;
    private Data data;

    @Setup
    public void setup() throws TemplateException {
        promFunctions = FunctionSet.prometheus(q -> java.util.List.of(), "http://prom:9090");
        annotation = PrometheusTemplates.compileAlertField("HighErrorRate", ANNOTATION, promFunctions);
        alertData = new PrometheusTemplates.AlertData(
                Map.of("instance", "api-1:8080", "job", "api", "severity", "critical"),
                Map.of("cluster", "eu-1"), "http://prom:9090", 1234.5678);
        notification = new TemplateSet(FunctionSet.alertmanager(), TemplateSet.MissingKey.ZERO)
                .parse("bench.tmpl", NOTIFICATION_DEFS);
        Alerts alerts = new Alerts();
        for (int i = 0; i < 10; i++) {
            Map<String, String> labels = new TreeMap<>(Map.of("alertname", "ServiceDown", "job", "api",
                    "instance", "api-" + i + ":8080", "severity", "critical", "service", "checkout"));
            alerts.add(new Alert(i % 3 == 0 ? "resolved" : "firing", new KV(labels),
                    new KV(Map.of("summary", "Service down on api-" + i, "description", "5xx above 5%")),
                    GoTime.utc(Instant.parse("2024-03-01T10:00:00Z")), GoTime.ZERO,
                    "http://prom:9090/graph?g0.expr=up", "fp" + i));
        }
        data = new Data("ops", "firing", alerts, new KV(Map.of("alertname", "ServiceDown")),
                new KV(Map.of("alertname", "ServiceDown", "job", "api", "service", "checkout")),
                new KV(Map.of()), "http://am:9093");
    }

    @Benchmark
    public String prometheusAnnotationCompiled() {
        return PrometheusTemplates.expand(annotation, alertData);
    }

    @Benchmark
    public String prometheusAnnotationParseAndExecute() {
        return PrometheusTemplates.expandAlertField("HighErrorRate", ANNOTATION, alertData, promFunctions);
    }

    @Benchmark
    public String alertmanagerNotification10Alerts() throws TemplateException {
        return notification.execute("message", data);
    }
}
