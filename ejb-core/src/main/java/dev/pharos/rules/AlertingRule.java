package dev.pharos.rules;

import dev.pharos.model.Labels;
import dev.pharos.promql.Sample;
import dev.pharos.template.FunctionSet;
import dev.pharos.template.PrometheusTemplates;
import dev.pharos.template.QuerySample;
import dev.pharos.template.Template;
import dev.pharos.template.TemplateParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An alerting rule with Prometheus's state machine: a new result is pending, fires once it
 * has been active for {@code for}, stays firing for {@code keep_firing_for} after its result
 * disappears, then is resolved and kept (and re-sent) for 15 minutes.
 */
public final class AlertingRule extends Rule {

    /** How long resolved alerts are kept so that the Alertmanager learns of the resolution. */
    static final long RESOLVED_RETENTION_MILLIS = 15 * 60_000L;

    public static final String ALERTS = "ALERTS";
    public static final String ALERTS_FOR_STATE = "ALERTS_FOR_STATE";

    final long holdMillis;
    final long keepFiringMillis;
    final Labels annotations;
    private final Map<String, String> labelTexts;
    private final Map<String, String> annotationTexts;
    private final Map<String, Template> compiled = new HashMap<>();
    /** Active alerts by label set; ConcurrentHashMap so the API can read while the group evaluates. */
    final Map<Labels, Alert> active = new ConcurrentHashMap<>();
    volatile boolean restored;

    AlertingRule(String name, String expr, long holdMillis, long keepFiringMillis, Map<String, String> labels,
            Map<String, String> annotations, boolean restored) {
        super(name, expr, Labels.fromMap(labels));
        this.holdMillis = holdMillis;
        this.keepFiringMillis = keepFiringMillis;
        this.labelTexts = new LinkedHashMap<>(labels);
        this.annotationTexts = new LinkedHashMap<>(annotations);
        this.annotations = Labels.fromMap(annotations);
        this.restored = restored;
        FunctionSet parseOnly = FunctionSet.prometheus(q -> List.of(), "");
        for (String text : concat(labels.values(), annotations.values())) {
            try {
                compiled.putIfAbsent(text, PrometheusTemplates.compileAlertField(name, text, parseOnly));
            } catch (TemplateParseException e) {
                // expanded per evaluation, which renders the parse error in place
            }
        }
    }

    private static List<String> concat(Collection<String> a, Collection<String> b) {
        List<String> l = new ArrayList<>(a);
        l.addAll(b);
        return l;
    }

    public long holdMillis() {
        return holdMillis;
    }

    public long keepFiringMillis() {
        return keepFiringMillis;
    }

    public Labels annotations() {
        return annotations;
    }

    /** Copies of the active alerts (pending, firing and recently resolved), sorted by labels. */
    public List<Alert> alerts() {
        List<Alert> l = new ArrayList<>();
        for (Alert a : active.values()) {
            l.add(a.copy());
        }
        l.sort((x, y) -> x.labels.compareTo(y.labels));
        return l;
    }

    /** Copies of the pending and firing alerts (what the API lists), sorted by labels. */
    public List<Alert> activeAlerts() {
        List<Alert> l = alerts();
        l.removeIf(a -> a.state == AlertState.INACTIVE);
        return l;
    }

    /** The most severe state among its alerts, as the API's rule state. */
    public AlertState state() {
        AlertState s = AlertState.INACTIVE;
        for (Alert a : active.values()) {
            if (a.state.ordinal() > s.ordinal()) {
                s = a.state;
            }
        }
        return s;
    }

    private String expand(String text, Map<String, String> sampleLabels, double value, long ts, EvalContext ctx) {
        PrometheusTemplates.AlertData data = new PrometheusTemplates.AlertData(sampleLabels,
                ctx.externalLabels().toMap(), ctx.externalURL(), value);
        FunctionSet fs = FunctionSet.prometheus(q -> {
            List<QuerySample> out = new ArrayList<>();
            for (Sample s : ctx.query().query(q, ts)) {
                out.add(new QuerySample(s.metric().toMap(), s.value()));
            }
            return out;
        }, ctx.externalURL(), () -> ts);
        Template t = compiled.get(text);
        if (t == null) {
            return PrometheusTemplates.expandAlertField(name, text, data, fs);
        }
        return PrometheusTemplates.expand(t, data, fs);
    }

    @Override
    List<Sample> eval(long ts, long queryOffsetMillis, EvalContext ctx, int limit) throws Exception {
        List<Sample> res = ctx.query().query(expr, ts - queryOffsetMillis);
        Map<Labels, Alert> fresh = new LinkedHashMap<>();
        for (Sample s : res) {
            Map<String, String> sl = s.metric().toMap();
            Labels.Builder lb = s.metric().toBuilder();
            lb.remove(Labels.METRIC_NAME);
            for (Map.Entry<String, String> e : labelTexts.entrySet()) {
                lb.set(e.getKey(), expand(e.getValue(), sl, s.value(), ts, ctx));
            }
            lb.set("alertname", name);
            Labels.Builder ab = Labels.EMPTY.toBuilder();
            for (Map.Entry<String, String> e : annotationTexts.entrySet()) {
                ab.set(e.getKey(), expand(e.getValue(), sl, s.value(), ts, ctx));
            }
            Labels l = lb.build();
            if (fresh.containsKey(l)) {
                throw new RuleEvalException("vector contains metrics with the same labelset after applying alert labels");
            }
            fresh.put(l, new Alert(l, ab.build(), AlertState.PENDING, s.value(), ts));
        }
        for (Map.Entry<Labels, Alert> e : fresh.entrySet()) {
            Alert old = active.get(e.getKey());
            if (old != null && old.state != AlertState.INACTIVE) {
                old.value = e.getValue().value;
                old.annotations = e.getValue().annotations;
                continue;
            }
            active.put(e.getKey(), e.getValue());
        }
        List<Sample> out = new ArrayList<>();
        int activePending = 0;
        long t = ts - queryOffsetMillis;
        for (var it = active.entrySet().iterator(); it.hasNext();) {
            var e = it.next();
            Alert a = e.getValue();
            if (!fresh.containsKey(e.getKey())) {
                boolean keepFiring = false;
                if (a.state == AlertState.FIRING && keepFiringMillis > 0) {
                    if (a.keepFiringSince == 0) {
                        a.keepFiringSince = ts;
                    }
                    keepFiring = ts - a.keepFiringSince < keepFiringMillis;
                }
                if (a.state == AlertState.PENDING
                        || (a.resolvedAt != 0 && ts - a.resolvedAt > RESOLVED_RETENTION_MILLIS)) {
                    it.remove();
                }
                if (a.state != AlertState.INACTIVE && !keepFiring) {
                    a.state = AlertState.INACTIVE;
                    a.resolvedAt = ts;
                }
                if (!keepFiring) {
                    continue;
                }
            } else {
                a.keepFiringSince = 0;
            }
            activePending++;
            if (a.state == AlertState.PENDING && ts - a.activeAt >= holdMillis) {
                a.state = AlertState.FIRING;
                a.firedAt = ts;
            }
            if (restored) {
                out.add(new Sample(a.labels.toBuilder().set(Labels.METRIC_NAME, ALERTS)
                        .set("alertstate", a.state.wireName()).build(), t, 1));
                out.add(new Sample(a.labels.toBuilder().set(Labels.METRIC_NAME, ALERTS_FOR_STATE).build(), t,
                        Math.floor(a.activeAt / 1000.0)));
            }
        }
        if (limit > 0 && activePending > limit) {
            active.clear();
            throw new RuleEvalException("exceeded limit of " + limit + " with " + activePending + " alerts");
        }
        return out;
    }

    /** Marks alerts that need sending at ts as sent and returns copies of them (Prometheus's sendAlerts). */
    List<Alert> alertsToSend(long ts, long resendDelayMillis, long intervalMillis) {
        List<Alert> out = new ArrayList<>();
        for (Alert a : active.values()) {
            if (a.needsSending(ts, resendDelayMillis)) {
                a.lastSentAt = ts;
                // allow for two evaluation or Alertmanager send failures
                long delta = Math.max(resendDelayMillis, intervalMillis);
                a.validUntil = ts + 4 * delta;
                out.add(a.copy());
            }
        }
        return out;
    }
}
