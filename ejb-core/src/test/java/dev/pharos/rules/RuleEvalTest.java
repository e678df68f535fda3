package dev.pharos.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.model.LabelMatcher;
import dev.pharos.model.Labels;
import dev.pharos.model.StaleNaN;
import dev.pharos.notifier.NotifierAlert;
import dev.pharos.promql.QueryEngine;
import dev.pharos.promql.Sample;
import dev.pharos.promql.Vector;
import dev.pharos.relabel.NameValidation;
import dev.pharos.tsdb.MemoryStorage;
import dev.pharos.tsdb.Querier;
import dev.pharos.tsdb.SampleIterator;
import dev.pharos.tsdb.Series;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Rule evaluation over a storage with fixed evaluation times, in the spirit of
 * {@code promtool test rules}: input series in expanding notation (one sample a minute from
 * time 0), rules evaluated at given minutes, alerts and written series checked.
 */
class RuleEvalTest {

    static final long MIN = 60_000L;

    final MemoryStorage storage = new MemoryStorage();
    final QueryEngine engine = new QueryEngine(storage);
    final List<NotifierAlert> sent = new ArrayList<>();
    RuleManager manager;

    RuleManager manager(String yaml) throws Exception {
        RuleGroup.GroupEnv env = new RuleGroup.GroupEnv(storage,
                new EvalContext(new EngineRuleQuery(engine), Labels.of("cluster", "eu1"), "http://pharos:9090"),
                sent::addAll, MIN, 3_600_000L, 600_000L);
        RuleManager m = new RuleManager(env);
        m.update(RuleFileParser.parse(yaml, "test.yml", NameValidation.UTF8), MIN, 0);
        manager = m;
        return m;
    }

    RuleGroup group() {
        return manager.groups().get(0);
    }

    List<Sample> at(String expr, long minute) {
        return ((Vector) engine.instantQuery(expr, minute * MIN).value()).samples();
    }

    void evalMinutes(int from, int to) {
        for (int m = from; m <= to; m++) {
            group().evaluate(m * MIN);
        }
    }

    @Test
    void recordingRuleWritesWithLabelsAndLaterRulesSeeIt() throws Exception {
        SeriesLoader.load(storage, MIN, "requests_total{job=\"a\",instance=\"1\"}", "0+60x10");
        SeriesLoader.load(storage, MIN, "requests_total{job=\"a\",instance=\"2\"}", "0+120x10");
        manager("""
                groups:
                - name: g
                  labels: {team: core}
                  rules:
                  - record: job:requests:rate1m
                    expr: sum by (job) (rate(requests_total[2m]))
                    labels: {source: rule}
                  - record: job:requests:rate1m_doubled
                    expr: job:requests:rate1m * 2
                """);
        evalMinutes(2, 5);
        List<Sample> r = at("job:requests:rate1m", 5);
        assertEquals(1, r.size());
        assertEquals(Labels.of("__name__", "job:requests:rate1m", "job", "a", "source", "rule", "team", "core"),
                r.get(0).metric());
        assertEquals(3.0, r.get(0).value(), 1e-9);
        // evaluated in the same pass: the second rule sees the first's result of that pass
        assertEquals(6.0, at("job:requests:rate1m_doubled", 2).get(0).value(), 1e-9);
        assertEquals(Rule.Health.OK, group().rules().get(0).health());
    }

    @Test
    void vanishedSeriesGetStaleMarkers() throws Exception {
        SeriesLoader.load(storage, MIN, "up{instance=\"1\"}", "1 1 1");
        SeriesLoader.load(storage, MIN, "up{instance=\"2\"}", "1 1 1 1 1 1 1 1 1 1");
        manager("""
                groups:
                - name: g
                  rules:
                  - record: up:copy
                    expr: up
                """);
        evalMinutes(1, 9);
        // instance 1's last sample is at minute 2, so the rule stops seeing it after the 5m lookback
        double v = lastValue("up:copy", "instance", "1");
        assertTrue(StaleNaN.is(v), "stale marker written, got " + v);
        assertEquals(1, at("up:copy", 9).size());
    }

    private double lastValue(String name, String label, String value) {
        try (Querier q = storage.querier(0, Long.MAX_VALUE)) {
            for (Series s : q.select(LabelMatcher.equal("__name__", name), LabelMatcher.equal(label, value))) {
                SampleIterator it = s.iterator();
                double v = Double.NaN;
                while (it.next()) {
                    v = it.value();
                }
                return v;
            }
        }
        throw new AssertionError("no series");
    }

    @Test
    void duplicateOutputSeriesFailTheRule() throws Exception {
        SeriesLoader.load(storage, MIN, "m{a=\"1\"}", "1x5");
        SeriesLoader.load(storage, MIN, "m{a=\"2\"}", "1x5");
        manager("""
                groups:
                - name: g
                  rules:
                  - record: dup
                    expr: m
                    labels: {a: same}
                """);
        evalMinutes(1, 1);
        Rule r = group().rules().get(0);
        assertEquals(Rule.Health.ERR, r.health());
        assertEquals("vector contains metrics with the same labelset after applying rule labels", r.lastError());
        assertEquals(1, group().evalFailures());
    }

    @ParameterizedTest(name = "limit {0} with 2 series -> {1}")
    @CsvSource({"0, ok", "2, ok", "1, exceeded limit of 1 with 2 series"})
    void limitIsEnforced(int limit, String expected) throws Exception {
        SeriesLoader.load(storage, MIN, "m{a=\"1\"}", "1x5");
        SeriesLoader.load(storage, MIN, "m{a=\"2\"}", "1x5");
        manager("groups:\n- name: g\n  limit: " + limit + "\n  rules:\n  - record: r\n    expr: m\n");
        evalMinutes(1, 1);
        Rule r = group().rules().get(0);
        assertEquals(expected.equals("ok") ? "" : expected, r.lastError());
    }

    static final String ALERT_RULES = """
            groups:
            - name: alerts
              rules:
              - alert: HighLatency
                expr: latency_seconds > 1
                for: 3m
                labels:
                  severity: page
                  instance_copy: '{{ $labels.instance }}'
                annotations:
                  summary: 'latency is {{ $value }} on {{ $labels.instance }} in {{ $externalLabels.cluster }}'
                  broken: '{{ .Nope.Deeper }}'
            """;

    @Test
    void alertGoesPendingFiringResolvedWithNotifications() throws Exception {
        // above threshold from minute 2 to minute 8, below afterwards
        SeriesLoader.load(storage, MIN, "latency_seconds{instance=\"x\"}", "0 0 2 2 2 2 2 2 2 0 0 0 0");
        manager(ALERT_RULES);
        AlertingRule rule = (AlertingRule) group().rules().get(0);
        group().restoreForState(0); // nothing to restore: starts writing ALERTS at once

        evalMinutes(0, 1);
        assertTrue(rule.alerts().isEmpty());
        evalMinutes(2, 2);
        Alert a = rule.alerts().get(0);
        assertEquals(AlertState.PENDING, a.state());
        assertEquals(2 * MIN, a.activeAt());
        assertEquals(Labels.of("alertname", "HighLatency", "instance", "x", "instance_copy", "x", "severity", "page"),
                a.labels());
        assertEquals("latency is 2 on x in eu1", a.annotations().get("summary"));
        assertTrue(a.annotations().get("broken").startsWith("<error expanding template: "), a.annotations().get("broken"));
        assertTrue(sent.isEmpty(), "pending alerts are not sent");
        assertEquals("pending", at("ALERTS", 2).get(0).metric().get("alertstate"));
        assertEquals(120.0, at("ALERTS_FOR_STATE", 2).get(0).value());

        evalMinutes(3, 4);
        assertEquals(AlertState.PENDING, rule.alerts().get(0).state());
        evalMinutes(5, 5);
        assertEquals(AlertState.FIRING, rule.alerts().get(0).state());
        assertEquals(1, sent.size());
        NotifierAlert n = sent.get(0);
        assertEquals(5 * MIN, n.startsAt());
        assertEquals(5 * MIN + 4 * MIN, n.endsAt(), "endsAt = validUntil = ts + 4 * max(resendDelay, interval)");
        assertEquals("http://pharos:9090/graph?g0.expr=latency_seconds+%3E+1&g0.tab=1", n.generatorURL());
        assertEquals("firing", at("ALERTS", 5).get(0).metric().get("alertstate"));

        evalMinutes(6, 6);
        assertEquals(1, sent.size(), "not re-sent before the resend delay");
        evalMinutes(7, 7);
        assertEquals(2, sent.size(), "re-sent once the resend delay has passed");

        evalMinutes(8, 9);
        Alert resolved = rule.alerts().get(0);
        assertEquals(AlertState.INACTIVE, resolved.state());
        assertEquals(9 * MIN, resolved.resolvedAt());
        NotifierAlert last = sent.get(sent.size() - 1);
        assertEquals(9 * MIN, last.endsAt(), "resolved alerts are sent with their end time");
        assertEquals(5 * MIN, last.startsAt());
        assertTrue(at("ALERTS", 9).isEmpty());
        // kept and re-sent for 15 minutes, then dropped
        for (int m = 10; m <= 25; m++) {
            group().evaluate(m * MIN);
        }
        assertTrue(rule.alerts().isEmpty());
    }

    @Test
    void keepFiringForHoldsAFiringAlert() throws Exception {
        SeriesLoader.load(storage, MIN, "up{job=\"j\"}", "0 0 0 1 1 1 1 1 1 1");
        manager("""
                groups:
                - name: g
                  rules:
                  - alert: Down
                    expr: up == 0
                    keep_firing_for: 2m
                """);
        evalMinutes(0, 0);
        AlertingRule rule = (AlertingRule) group().rules().get(0);
        assertEquals(AlertState.FIRING, rule.alerts().get(0).state(), "for 0: fires at once");
        evalMinutes(1, 4);
        assertEquals(AlertState.FIRING, rule.alerts().get(0).state(), "still firing within keep_firing_for");
        assertEquals(3 * MIN, rule.alerts().get(0).keepFiringSince());
        evalMinutes(5, 5);
        assertEquals(AlertState.INACTIVE, rule.alerts().get(0).state());
    }

    @Test
    void pendingAlertThatDisappearsIsDropped() throws Exception {
        SeriesLoader.load(storage, MIN, "up{job=\"j\"}", "0 1 1");
        manager("groups:\n- name: g\n  rules:\n  - alert: Down\n    expr: up == 0\n    for: 5m\n");
        evalMinutes(0, 0);
        AlertingRule rule = (AlertingRule) group().rules().get(0);
        assertEquals(AlertState.PENDING, rule.alerts().get(0).state());
        evalMinutes(1, 1);
        assertTrue(rule.alerts().isEmpty());
    }

    @Test
    void alertLimit() throws Exception {
        SeriesLoader.load(storage, MIN, "up{job=\"a\"}", "0 0");
        SeriesLoader.load(storage, MIN, "up{job=\"b\"}", "0 0");
        manager("groups:\n- name: g\n  limit: 1\n  rules:\n  - alert: Down\n    expr: up == 0\n");
        evalMinutes(0, 0);
        AlertingRule rule = (AlertingRule) group().rules().get(0);
        assertEquals("exceeded limit of 1 with 2 alerts", rule.lastError());
        assertTrue(rule.alerts().isEmpty());
    }

    @Test
    void forStateIsRestoredAfterRestart() throws Exception {
        SeriesLoader.load(storage, MIN, "latency_seconds{instance=\"x\"}", "2x40");
        manager(ALERT_RULES.replace("for: 3m", "for: 30m"));
        group().restoreForState(0);
        evalMinutes(0, 10); // pending since minute 0, ALERTS_FOR_STATE written
        // "restart": a new manager over the same storage; Pharos was down from minute 10 to 15
        manager(ALERT_RULES.replace("for: 3m", "for: 30m"));
        AlertingRule rule = (AlertingRule) group().rules().get(0);
        assertTrue(group().shouldRestore());
        group().evaluate(15 * MIN);
        assertTrue(at("ALERTS", 15).isEmpty() || at("ALERTS", 15).get(0).timestamp() < 15 * MIN,
                "no ALERTS written before the restore");
        group().restoreForState(15 * MIN);
        // 10 minutes pending before going down, 20 remaining: activeAt moves by the 5 minute outage
        assertEquals(5 * MIN, rule.alerts().get(0).activeAt());
        evalMinutes(16, 34);
        assertEquals(AlertState.PENDING, rule.alerts().get(0).state());
        evalMinutes(35, 35);
        assertEquals(AlertState.FIRING, rule.alerts().get(0).state());
    }

    @Test
    void restoreNearTheEndOfForUsesTheGracePeriod() throws Exception {
        SeriesLoader.load(storage, MIN, "latency_seconds{instance=\"x\"}", "2x60");
        manager(ALERT_RULES.replace("for: 3m", "for: 30m"));
        group().restoreForState(0);
        evalMinutes(0, 25); // 25 of 30 minutes pending
        manager(ALERT_RULES.replace("for: 3m", "for: 30m"));
        AlertingRule rule = (AlertingRule) group().rules().get(0);
        group().evaluate(26 * MIN);
        group().restoreForState(26 * MIN);
        // 5 minutes remaining < 10 minutes grace: fires at now + grace
        assertEquals(26 * MIN + 10 * MIN - 30 * MIN, rule.alerts().get(0).activeAt());
    }

    @Test
    void reloadKeepsAlertState() throws Exception {
        SeriesLoader.load(storage, MIN, "up{job=\"j\"}", "0x10");
        manager("groups:\n- name: g\n  rules:\n  - alert: Down\n    expr: up == 0\n    for: 5m\n");
        evalMinutes(0, 2);
        manager.update(RuleFileParser.parse("groups:\n- name: g\n  rules:\n  - alert: Down\n    expr: up == 0\n    for: 5m\n",
                "test.yml", NameValidation.UTF8), MIN, 0);
        AlertingRule rule = (AlertingRule) group().rules().get(0);
        assertEquals(0, rule.alerts().get(0).activeAt());
        evalMinutes(3, 5);
        assertEquals(AlertState.FIRING, rule.alerts().get(0).state());
    }

    @Test
    void groupTicksAlignToAStableOffsetAndCountMissedIterations() throws Exception {
        manager("groups:\n- name: g\n  interval: 10s\n  rules:\n  - record: one\n    expr: vector(1)\n");
        RuleGroup g = group();
        long off = g.offsetMillis();
        assertTrue(off >= 0 && off < 10_000);
        assertEquals(off + 100_000, g.evalTimestamp(100_000 + off + 3_000));
        g.tick(1_000_000 + off);
        g.tick(1_000_000 + off + 35_000);
        assertEquals(2, g.iterationsMissed());
        assertEquals(4, g.iterationsTotal());
        assertEquals(1_030_000 + off, g.lastEvaluation());
    }

    @Test
    void queryOffsetShiftsEvaluationAndOutputTime() throws Exception {
        SeriesLoader.load(storage, MIN, "m", "0+1x20");
        manager("groups:\n- name: g\n  query_offset: 2m\n  rules:\n  - record: m:copy\n    expr: m\n");
        group().evaluate(10 * MIN);
        List<Sample> r = at("m:copy", 8);
        assertEquals(8.0, r.get(0).value());
        assertEquals(8 * MIN, r.get(0).timestamp());
        assertTrue(at("m:copy", 8).get(0).timestamp() == 8 * MIN);
    }

    @Test
    void scalarResultIsOneSeriesWithTheRecordName() throws Exception {
        manager("groups:\n- name: g\n  rules:\n  - record: answer\n    expr: 6 * 7\n");
        group().evaluate(MIN);
        List<Sample> r = at("answer", 1);
        assertEquals(Labels.of("__name__", "answer"), r.get(0).metric());
        assertEquals(42.0, r.get(0).value());
    }

    @Test
    void groupLabelsApplyToAlertsAndRuleLabelsWin() throws Exception {
        manager("""
                groups:
                - name: g
                  labels: {team: core, severity: low}
                  rules:
                  - alert: Always
                    expr: vector(1)
                    labels: {severity: high}
                """);
        group().evaluate(MIN);
        AlertingRule rule = (AlertingRule) group().rules().get(0);
        assertEquals(Labels.of("alertname", "Always", "severity", "high", "team", "core"), rule.alerts().get(0).labels());
    }

    @Test
    void ruleFilesAreLoadedByGlobAndABadFileFailsTheSet(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Files.writeString(dir.resolve("a.yml"), "groups:\n- name: a\n  rules:\n  - record: x\n    expr: '1'\n");
        java.nio.file.Files.writeString(dir.resolve("b.yml"), "groups:\n- name: b\n  rules:\n  - record: y\n    expr: '2'\n");
        java.nio.file.Files.writeString(dir.resolve("c.txt"), "not rules");
        List<GroupSpec> specs = RuleManager.loadFiles(List.of(dir + "/*.yml"), NameValidation.UTF8);
        assertEquals(List.of("a", "b"), specs.stream().map(GroupSpec::name).toList());
        java.nio.file.Files.writeString(dir.resolve("b.yml"), "groups:\n- name: b\n  rules:\n  - record: y\n");
        RuleFileException e = org.junit.jupiter.api.Assertions.assertThrows(RuleFileException.class,
                () -> RuleManager.loadFiles(List.of(dir + "/*.yml"), NameValidation.UTF8));
        assertTrue(e.getMessage().contains("b.yml") && e.getMessage().contains("group \"b\", rule 1, \"y\""),
                e.getMessage());
    }

    @Test
    void removedRulesSeriesGoStaleAfterReload() throws Exception {
        manager("groups:\n- name: g\n  rules:\n  - record: a\n    expr: vector(1)\n  - record: b\n    expr: vector(2)\n");
        group().evaluate(MIN);
        manager.update(RuleFileParser.parse("groups:\n- name: g\n  rules:\n  - record: a\n    expr: vector(1)\n",
                "test.yml", NameValidation.UTF8), MIN, 0);
        group().evaluate(2 * MIN);
        assertTrue(StaleNaN.is(lastValue("b", "__name__", "b")));
        assertEquals(1.0, lastValue("a", "__name__", "a"));
    }
}
