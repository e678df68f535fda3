package dev.pharos.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pharos.config.PromDurations;
import dev.pharos.model.Labels;
import dev.pharos.promql.QueryEngine;
import dev.pharos.promql.Sample;
import dev.pharos.promql.Vector;
import dev.pharos.promql.parser.Parser;
import dev.pharos.relabel.NameValidation;
import dev.pharos.tsdb.MemoryStorage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.Yaml;

/**
 * Runs test files in {@code promtool test rules}' format (see the Prometheus documentation,
 * unit_testing_rules.md): input series in expanding notation, groups evaluated every
 * evaluation_interval from time 0, firing alerts and PromQL results compared at eval_time.
 */
class PromtoolStyleTest {

    private static final String DIR = "/dev/pharos/rules/promtool/";

    @TestFactory
    List<DynamicTest> promtoolTests() throws Exception {
        Map<String, Object> file = yaml("test.yml");
        long evalInterval = dur(file.getOrDefault("evaluation_interval", "1m"));
        List<GroupSpec> specs = new ArrayList<>();
        for (Object rf : list(file.get("rule_files"))) {
            specs.addAll(RuleFileParser.parse(text((String) rf), (String) rf, NameValidation.UTF8));
        }
        List<DynamicTest> out = new ArrayList<>();
        int n = 0;
        for (Object t : list(file.get("tests"))) {
            Map<String, Object> test = map(t);
            int idx = n++;
            out.add(DynamicTest.dynamicTest("test " + idx, () -> run(test, specs, evalInterval)));
        }
        return out;
    }

    private static void run(Map<String, Object> test, List<GroupSpec> specs, long evalInterval) throws Exception {
        MemoryStorage storage = new MemoryStorage();
        QueryEngine engine = new QueryEngine(storage);
        long interval = dur(test.getOrDefault("interval", "1m"));
        for (Object s : list(test.get("input_series"))) {
            Map<String, Object> m = map(s);
            SeriesLoader.load(storage, interval, (String) m.get("series"), String.valueOf(m.get("values")));
        }
        RuleManager manager = new RuleManager(new RuleGroup.GroupEnv(storage,
                new EvalContext(new EngineRuleQuery(engine), Labels.EMPTY, ""), a -> { }, 60_000, 3_600_000, 600_000));
        manager.update(specs, evalInterval, 0);
        manager.groups().forEach(g -> g.restoreForState(0));
        long max = 0;
        for (Object a : list(test.get("alert_rule_test"))) {
            max = Math.max(max, dur(map(a).get("eval_time")));
        }
        for (Object a : list(test.get("promql_expr_test"))) {
            max = Math.max(max, dur(map(a).get("eval_time")));
        }
        List<String> failures = new ArrayList<>();
        for (long ts = 0; ts <= max; ts += evalInterval) {
            for (RuleGroup g : manager.groups()) {
                g.evaluate(ts);
            }
            for (Object o : list(test.get("alert_rule_test"))) {
                Map<String, Object> at = map(o);
                if (dur(at.get("eval_time")) != ts) {
                    continue;
                }
                TreeSet<String> want = new TreeSet<>();
                for (Object e : list(at.get("exp_alerts"))) {
                    Map<String, Object> ea = map(e);
                    Labels.Builder lb = Labels.fromMap(strings(ea.get("exp_labels"))).toBuilder();
                    lb.set("alertname", (String) at.get("alertname"));
                    want.add(lb.build() + " " + Labels.fromMap(strings(ea.get("exp_annotations"))));
                }
                TreeSet<String> got = new TreeSet<>();
                for (AlertingRule r : manager.alertingRules()) {
                    if (!r.name().equals(at.get("alertname"))) {
                        continue;
                    }
                    for (Alert a : r.alerts()) {
                        if (a.state() == AlertState.FIRING) {
                            got.add(a.labels() + " " + a.annotations());
                        }
                    }
                }
                if (!want.equals(got)) {
                    failures.add("alertname " + at.get("alertname") + " at " + ts + "ms: want " + want + ", got " + got);
                }
            }
            for (Object o : list(test.get("promql_expr_test"))) {
                Map<String, Object> pt = map(o);
                if (dur(pt.get("eval_time")) != ts) {
                    continue;
                }
                TreeSet<String> want = new TreeSet<>();
                for (Object e : list(pt.get("exp_samples"))) {
                    Map<String, Object> es = map(e);
                    want.add(Parser.parseMetric((String) es.get("labels")) + " " + Double.parseDouble(String.valueOf(es.get("value"))));
                }
                TreeSet<String> got = new TreeSet<>();
                for (Sample s : ((Vector) engine.instantQuery((String) pt.get("expr"), ts).value()).samples()) {
                    got.add(s.metric() + " " + s.value());
                }
                if (!want.equals(got)) {
                    failures.add("expr " + pt.get("expr") + " at " + ts + "ms: want " + want + ", got " + got);
                }
            }
        }
        assertEquals(List.of(), failures);
    }

    private static long dur(Object o) {
        return PromDurations.parse(String.valueOf(o)).toMillis();
    }

    private static String text(String name) throws Exception {
        try (InputStream in = PromtoolStyleTest.class.getResourceAsStream(DIR + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Map<String, Object> yaml(String name) throws Exception {
        return new Yaml().load(text(name));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return o == null ? List.of() : (List<Object>) o;
    }

    private static Map<String, String> strings(Object o) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        if (o != null) {
            map(o).forEach((k, v) -> m.put(k, String.valueOf(v)));
        }
        return m;
    }
}
