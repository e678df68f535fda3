package dev.pharos.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.pharos.template.FunctionSet;
import dev.pharos.template.PrometheusTemplates;
import dev.pharos.template.QueryFunction;
import dev.pharos.template.QuerySample;
import dev.pharos.template.Template;
import dev.pharos.template.TemplateException;
import dev.pharos.template.TemplateParseException;
import dev.pharos.template.TemplateSet;
import dev.pharos.template.alertdata.Data;
import dev.pharos.testsupport.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Runs the golden cases of shared/conformance/templates (amtool 0.25 and Prometheus 2.42
 * outputs) through the template engine and compares byte for byte. Error cases must fail;
 * their Go message is compared exactly where the case records it and reported as a count.
 * Also renders every definition of the Alertmanager default.tmpl for a realistic group.
 */
class TemplateConformanceTest {

    /** Cases we knowingly skip, with the reason. Empty means every case runs. */
    private static final Map<String, String> SKIPS = Map.of();

    private static final Map<String, int[]> COUNTS = new ConcurrentHashMap<>(); // passed, failed, skipped
    private static final AtomicInteger MESSAGE_EXACT = new AtomicInteger();
    private static final AtomicInteger MESSAGE_DIFFERENT = new AtomicInteger();
    private static final List<String> MESSAGE_DIFFS = new ArrayList<>();

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> loadCases(Path file) throws IOException {
        LoaderOptions opts = new LoaderOptions();
        opts.setCodePointLimit(50 * 1024 * 1024);
        return (List<Map<String, Object>>) new Yaml(opts).load(Files.readString(file, StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> loadJson(Path file) throws IOException {
        LoaderOptions opts = new LoaderOptions();
        return (Map<String, Object>) new Yaml(opts).load(Files.readString(file, StandardCharsets.UTF_8));
    }

    private static synchronized void count(String corpus, int which) {
        COUNTS.computeIfAbsent(corpus, k -> new int[3])[which]++;
    }

    private static DynamicTest counted(String corpus, String name, Runnable body) {
        return DynamicTest.dynamicTest(name, () -> {
            String skip = SKIPS.get(corpus + "/" + name);
            if (skip != null) {
                count(corpus, 2);
                Assumptions.abort(skip);
            }
            try {
                body.run();
                count(corpus, 0);
            } catch (AssertionError | RuntimeException e) {
                count(corpus, 1);
                throw e;
            }
        });
    }

    @AfterAll
    static void report() {
        COUNTS.forEach((corpus, c) -> System.out.printf("template conformance %s: %d passed, %d failed, %d skipped%n",
                corpus, c[0], c[1], c[2]));
        System.out.printf("template conformance error messages: %d identical to Go, %d different%n",
                MESSAGE_EXACT.get(), MESSAGE_DIFFERENT.get());
        synchronized (MESSAGE_DIFFS) {
            MESSAGE_DIFFS.forEach(System.out::println);
        }
    }

    private static void compareMessage(String name, String expected, String actual) {
        if (expected == null) {
            return;
        }
        if (expected.equals(actual)) {
            MESSAGE_EXACT.incrementAndGet();
        } else {
            MESSAGE_DIFFERENT.incrementAndGet();
            synchronized (MESSAGE_DIFFS) {
                MESSAGE_DIFFS.add("  " + name + "\n    go:   " + expected + "\n    ours: " + actual);
            }
        }
    }

    // ---------------------------------------------------------------- Alertmanager

    @TestFactory
    Stream<DynamicTest> alertmanager() throws IOException {
        Path dir = SharedData.conformance("templates/alertmanager");
        Path root = dir.getParent().getParent();
        List<Map<String, Object>> cases = loadCases(dir.resolve("cases.json"));
        Map<String, Data> data = new HashMap<>();
        Map<String, TemplateSet> globs = new HashMap<>();
        FunctionSet fs = FunctionSet.alertmanagerV0_25();
        List<DynamicTest> tests = new ArrayList<>();
        for (Map<String, Object> c : cases) {
            String name = (String) c.get("name");
            String dataFile = (String) c.get("data");
            Data d = data.computeIfAbsent(dataFile, f -> {
                try {
                    return Data.fromMap(loadJson(dir.resolve(f)));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            String glob = (String) c.get("templates_glob");
            TemplateSet base = glob == null ? new TemplateSet(fs, TemplateSet.MissingKey.ZERO)
                    : globs.computeIfAbsent(glob, g -> {
                        try {
                            Path p = root.resolve(g);
                            return new TemplateSet(fs, TemplateSet.MissingKey.ZERO)
                                    .parse(p.getFileName().toString(), Files.readString(p));
                        } catch (IOException | TemplateException e) {
                            throw new IllegalStateException(e);
                        }
                    });
            boolean html = "html".equals(c.get("type"));
            String template = (String) c.get("template");
            boolean expectError = Boolean.TRUE.equals(c.get("expected_error"));
            tests.add(counted("alertmanager/cases.json", name, () -> {
                String out;
                try {
                    out = html ? base.executeHtmlText(template, d) : base.executeText(template, d);
                } catch (TemplateException e) {
                    if (expectError) {
                        compareMessage("alertmanager " + name, (String) c.get("error_message"), e.getMessage());
                        return;
                    }
                    throw new AssertionError(name + ": unexpected error: " + e.getMessage(), e);
                }
                if (expectError) {
                    fail(name + ": expected an error (" + c.get("error_message") + ") but got output: " + out);
                }
                assertEquals(c.get("expected_output"), out, name);
            }));
        }
        return tests.stream();
    }

    // ---------------------------------------------------------------- Prometheus

    private static double promValue(String s) {
        switch (s) {
            case "NaN":
                return Double.NaN;
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            default:
                return Double.parseDouble(s);
        }
    }

    @TestFactory
    Stream<DynamicTest> prometheus() throws IOException {
        Path dir = SharedData.conformance("templates/prometheus");
        List<Map<String, Object>> cases = loadCases(dir.resolve("cases.json"));
        List<DynamicTest> tests = new ArrayList<>();
        for (Map<String, Object> c : cases) {
            String name = (String) c.get("name");
            tests.add(counted("prometheus/cases.json", name, () -> runPrometheusCase(c)));
        }
        return tests.stream();
    }

    @SuppressWarnings("unchecked")
    private static void runPrometheusCase(Map<String, Object> c) {
        String name = (String) c.get("name");
        String alert = (String) c.get("alert_name");
        String url = (String) c.get("external_url");
        // Prometheus hands templates the external URL without its trailing slash
        String externalURL = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        FunctionSet fs = FunctionSet.prometheusV2_42(VectorStub::query, externalURL);
        String template = (String) c.get("template");
        if (Boolean.TRUE.equals(c.get("load_error"))) {
            try {
                PrometheusTemplates.compileAlertField(alert, template, fs);
            } catch (TemplateParseException e) {
                String msg = (String) c.get("error_message");
                String goText = msg.substring(msg.indexOf(": template: ") + 2);
                compareMessage("prometheus " + name, goText, e.getMessage());
                return;
            }
            fail(name + ": expected a load error: " + c.get("error_message"));
        }
        Map<String, String> labels = new LinkedHashMap<>();
        ((Map<String, Object>) c.get("labels")).forEach((k, v) -> labels.put(k, String.valueOf(v)));
        Map<String, String> ext = new LinkedHashMap<>();
        ((Map<String, Object>) c.get("external_labels")).forEach((k, v) -> ext.put(k, String.valueOf(v)));
        PrometheusTemplates.AlertData data = new PrometheusTemplates.AlertData(labels, ext, externalURL,
                promValue(String.valueOf(c.get("value"))));
        String out = PrometheusTemplates.expandAlertField(alert, template, data, fs);
        assertEquals(c.get("expected_output"), out, name);
    }

    /**
     * A stand-in for the PromQL engine covering the expressions the corpus queries
     * (vector(N), scalar(vector(N)), label_replace chains joined by "or", a filter that drops
     * everything); the errors of the three invalid queries are the engine's texts recorded
     * in the goldens.
     */
    static final class VectorStub {
        private static final Pattern VECTOR = Pattern.compile("vector\\(([^()]+)\\)");
        private static final Pattern LABEL_REPLACE = Pattern.compile(
                "label_replace\\((.*), \"([^\"]*)\", \"([^\"]*)\", \"\", \"\"\\)");
        private static final Map<String, String> ERRORS = Map.of(
                "\"foo\"", "rule result is not a vector or scalar",
                "sum(", "1:5: parse error: unclosed left parenthesis",
                "vector(1)[5m]", "1:10: parse error: ranges only allowed for vector selectors");

        static List<QuerySample> query(String q) throws Exception {
            String err = ERRORS.get(q);
            if (err != null) {
                throw new Exception(err);
            }
            List<QuerySample> out = new ArrayList<>();
            for (String part : q.split(" or ")) {
                QuerySample s = one(part.trim());
                if (s != null) {
                    out.add(s);
                }
            }
            return out;
        }

        private static QuerySample one(String e) throws Exception {
            if (e.endsWith("> 2")) {
                QuerySample s = one(e.substring(0, e.length() - 3).trim());
                return s != null && s.value() > 2 ? s : null;
            }
            if (e.startsWith("scalar(") && e.endsWith(")")) {
                return one(e.substring(7, e.length() - 1));
            }
            Matcher lr = LABEL_REPLACE.matcher(e);
            if (lr.matches()) {
                QuerySample inner = one(lr.group(1));
                Map<String, String> l = new LinkedHashMap<>(inner.labels());
                l.put(lr.group(2), lr.group(3));
                return new QuerySample(l, inner.value());
            }
            Matcher v = VECTOR.matcher(e);
            if (v.matches()) {
                return new QuerySample(Map.of(), promValue(v.group(1)));
            }
            throw new Exception("stub cannot evaluate " + e);
        }
    }

    // ---------------------------------------------------------------- default.tmpl

    @Test
    void defaultTemplateLoadsAndRendersEveryDefinition() throws Exception {
        Path file = SharedData.conformance("alertmanager-templates").resolve("default.tmpl");
        Path data = SharedData.conformance("templates/alertmanager").resolve("data-mixed.json");
        TemplateSet set = new TemplateSet(FunctionSet.alertmanager(), TemplateSet.MissingKey.ZERO)
                .parse("default.tmpl", Files.readString(file));
        Data d = Data.fromMap(loadJson(data));
        int rendered = 0;
        for (String name : set.names()) {
            if (name.startsWith("__text_alert_list") || name.equals("default.tmpl")
                    || name.equals("pagerduty.default.instances")) {
                continue; // these range over an alert list, not over Data
            }
            set.execute(name, d);
            rendered++;
        }
        String subject = set.execute("__subject", d);
        assertEquals("[FIRING:2] ServiceDown checkout (eu-west-1 prod api payments eu)", subject);
        String list = set.executeText("{{ template \"__text_alert_list\" .Alerts.Firing }}", d);
        if (!list.startsWith("Labels:\n - alertname = ServiceDown\n")) {
            fail("unexpected alert list: " + list);
        }
        if (rendered < 50) {
            fail("only " + rendered + " definitions rendered");
        }
        Template t = set.template("slack.default.title");
        assertEquals(subject, t.execute(d));
    }
}
