package dev.pharos.rules;

import dev.pharos.model.LabelMatcher;
import dev.pharos.model.Labels;
import dev.pharos.model.StaleNaN;
import dev.pharos.notifier.NotifierAlert;
import dev.pharos.promql.Sample;
import dev.pharos.tsdb.AppendRejectedException;
import dev.pharos.tsdb.Appender;
import dev.pharos.tsdb.Querier;
import dev.pharos.tsdb.SampleIterator;
import dev.pharos.tsdb.Series;
import dev.pharos.tsdb.Storage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A rule group: its rules are evaluated in order at one timestamp (each rule's output is
 * committed before the next rule runs, so later rules see it), series that a rule stopped
 * producing get staleness markers, and alerts that need sending go to the notify function.
 * One group is evaluated by one thread at a time.
 */
public final class RuleGroup {

    private static final Logger LOG = Logger.getLogger(RuleGroup.class.getName());

    private final String name;
    private final String file;
    private final long intervalMillis;
    private final long queryOffsetMillis;
    private final int limit;
    private final List<Rule> rules;
    private final List<Set<Labels>> seriesInPreviousEval;
    private final GroupEnv env;
    private volatile long lastEvaluation;
    private volatile double evaluationSeconds;
    private volatile long lastEvalTimestamp;
    private volatile long iterationsMissed;
    private volatile long iterationsTotal;
    private volatile long evalFailures;
    private volatile long evalTotal;
    private boolean shouldRestore;
    private boolean stopped;

    /** What a group needs from outside: storage, query context, notification, clock and flags. */
    public record GroupEnv(Storage storage, EvalContext ctx, Consumer<List<NotifierAlert>> notifyFunc,
            long resendDelayMillis, long outageToleranceMillis, long forGracePeriodMillis) {
    }

    RuleGroup(String name, String file, long intervalMillis, long queryOffsetMillis, int limit, List<Rule> rules,
            GroupEnv env, boolean shouldRestore) {
        this.name = name;
        this.file = file;
        this.intervalMillis = intervalMillis;
        this.queryOffsetMillis = queryOffsetMillis;
        this.limit = limit;
        this.rules = List.copyOf(rules);
        this.env = env;
        this.shouldRestore = shouldRestore;
        this.seriesInPreviousEval = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            seriesInPreviousEval.add(new HashSet<>());
        }
    }

    public String name() {
        return name;
    }

    public String file() {
        return file;
    }

    /** Key of the group among all loaded groups (file and name, as Prometheus's GroupKey). */
    public String key() {
        return file + ";" + name;
    }

    public long intervalMillis() {
        return intervalMillis;
    }

    public long queryOffsetMillis() {
        return queryOffsetMillis;
    }

    public int limit() {
        return limit;
    }

    public List<Rule> rules() {
        return rules;
    }

    public long lastEvaluation() {
        return lastEvaluation;
    }

    public double evaluationSeconds() {
        return evaluationSeconds;
    }

    public long iterationsMissed() {
        return iterationsMissed;
    }

    public long iterationsTotal() {
        return iterationsTotal;
    }

    public long evalFailures() {
        return evalFailures;
    }

    public long evalTotal() {
        return evalTotal;
    }

    public long lastEvalTimestamp() {
        return lastEvalTimestamp;
    }

    public boolean shouldRestore() {
        return shouldRestore;
    }

    /**
     * The stable offset of this group within its interval, so that groups spread over the
     * interval and keep their phase across restarts (Prometheus's EvalTimestamp).
     */
    public long offsetMillis() {
        long h = Labels.of("name", name, "file", file).stableHash();
        return Long.remainderUnsigned(h, intervalMillis);
    }

    /** The latest aligned evaluation time at or before now. */
    public long evalTimestamp(long nowMillis) {
        long offset = offsetMillis();
        long adj = nowMillis - offset;
        return adj - Math.floorMod(adj, intervalMillis) + offset;
    }

    /**
     * One scheduler tick at wall time now: evaluates at the latest aligned timestamp, counting
     * the intervals that were skipped since the previous evaluation as missed iterations.
     */
    public synchronized void tick(long nowMillis) {
        if (stopped) {
            return;
        }
        long ts = evalTimestamp(nowMillis);
        if (lastEvalTimestamp != 0) {
            if (ts <= lastEvalTimestamp) {
                return;
            }
            long missed = (ts - lastEvalTimestamp) / intervalMillis - 1;
            if (missed > 0) {
                iterationsMissed += missed;
                iterationsTotal += missed;
            }
        }
        evaluate(ts);
        iterationsTotal++;
    }

    /** Evaluates every rule in order at ts (epoch millis). */
    public synchronized void evaluate(long ts) {
        long start = System.nanoTime();
        lastEvalTimestamp = ts;
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            long rs = System.nanoTime();
            evalTotal++;
            List<Sample> out;
            try {
                out = rule.eval(ts, queryOffsetMillis, env.ctx(), limit);
            } catch (Exception e) {
                evalFailures++;
                String msg = e.getMessage() == null ? e.toString() : e.getMessage();
                rule.recordResult(Rule.Health.ERR, msg, ts, (System.nanoTime() - rs) / 1e9);
                LOG.log(Level.FINE, "rule evaluation failed: group " + name + ", rule " + rule.name(), e);
                continue;
            }
            if (rule instanceof AlertingRule ar && env.notifyFunc() != null) {
                List<Alert> send = ar.alertsToSend(ts, env.resendDelayMillis(), intervalMillis);
                if (!send.isEmpty()) {
                    env.notifyFunc().accept(toNotifier(send, ar.query(), env.ctx().externalURL()));
                }
            }
            String writeError = write(i, out, ts);
            rule.recordResult(writeError == null ? Rule.Health.OK : Rule.Health.ERR, writeError, ts,
                    (System.nanoTime() - rs) / 1e9);
        }
        lastEvaluation = ts;
        evaluationSeconds = (System.nanoTime() - start) / 1e9;
    }

    private String write(int i, List<Sample> out, long ts) {
        Appender app = env.storage().appender();
        Set<Labels> returned = new HashSet<>(out.size() * 2);
        int rejected = 0;
        for (Sample s : out) {
            try {
                app.append(0, s.metric(), s.timestamp(), s.value());
                returned.add(s.metric());
            } catch (AppendRejectedException e) {
                rejected++;
            }
        }
        for (Labels l : seriesInPreviousEval.get(i)) {
            if (!returned.contains(l)) {
                try {
                    app.append(0, l, ts - queryOffsetMillis, StaleNaN.VALUE);
                } catch (AppendRejectedException e) {
                    // an out-of-order stale marker is harmless: a newer sample exists
                }
            }
        }
        app.commit();
        seriesInPreviousEval.set(i, returned);
        return null;
    }

    /** Writes staleness markers for everything the group produced last (the group is removed). */
    public synchronized void markStale(long ts) {
        Appender app = env.storage().appender();
        for (Set<Labels> set : seriesInPreviousEval) {
            for (Labels l : set) {
                try {
                    app.append(0, l, ts, StaleNaN.VALUE);
                } catch (AppendRejectedException e) {
                    // newer data exists
                }
            }
        }
        app.commit();
    }

    static List<NotifierAlert> toNotifier(List<Alert> alerts, String expr, String externalURL) {
        String gen = externalURL + "/graph?g0.expr=" + URLEncoder.encode(expr, StandardCharsets.UTF_8) + "&g0.tab=1";
        List<NotifierAlert> out = new ArrayList<>(alerts.size());
        for (Alert a : alerts) {
            long endsAt = a.resolvedAt != 0 ? a.resolvedAt : a.validUntil;
            out.add(new NotifierAlert(a.labels, a.annotations, a.firedAt, endsAt, gen));
        }
        return out;
    }

    /** Takes over evaluation state of the same group before a reload: series for staleness, alerts, health. */
    void copyState(RuleGroup old) {
        synchronized (old) {
            old.stopped = true;
            copyStateLocked(old);
        }
    }

    /** Stops a removed group: later ticks do nothing. */
    synchronized void stop() {
        stopped = true;
    }

    private void copyStateLocked(RuleGroup old) {
        lastEvaluation = old.lastEvaluation;
        evaluationSeconds = old.evaluationSeconds;
        lastEvalTimestamp = old.lastEvalTimestamp;
        iterationsMissed = old.iterationsMissed;
        iterationsTotal = old.iterationsTotal;
        evalFailures = old.evalFailures;
        evalTotal = old.evalTotal;
        shouldRestore = old.shouldRestore;
        Map<String, List<Integer>> byName = new HashMap<>();
        for (int i = 0; i < old.rules.size(); i++) {
            byName.computeIfAbsent(ruleKey(old.rules.get(i)), k -> new ArrayList<>()).add(i);
        }
        for (int i = 0; i < rules.size(); i++) {
            List<Integer> idx = byName.get(ruleKey(rules.get(i)));
            if (idx == null || idx.isEmpty()) {
                continue;
            }
            int oi = idx.remove(0);
            Rule or = old.rules.get(oi);
            seriesInPreviousEval.set(i, old.seriesInPreviousEval.get(oi));
            rules.get(i).copyHealth(or);
            if (rules.get(i) instanceof AlertingRule nr && or instanceof AlertingRule oar) {
                nr.active.putAll(oar.active);
                nr.restored = oar.restored;
            }
        }
        // series of old rules that have no successor become stale at the next evaluation
        Set<Labels> orphans = new HashSet<>();
        for (List<Integer> idx : byName.values()) {
            for (int oi : idx) {
                orphans.addAll(old.seriesInPreviousEval.get(oi));
            }
        }
        if (!orphans.isEmpty() && !rules.isEmpty()) {
            seriesInPreviousEval.get(0).addAll(orphans);
        }
    }

    private static String ruleKey(Rule r) {
        return (r instanceof AlertingRule ? "alert:" : "record:") + r.name() + r.labels();
    }

    /**
     * Restores the {@code for} state of alerts from ALERTS_FOR_STATE after a restart, as
     * Prometheus's RestoreForState: only series seen within the outage tolerance; an alert
     * that would fire within the grace period is pushed to fire at now + grace period.
     */
    public synchronized void restoreForState(long nowMillis) {
        shouldRestore = false;
        try (Querier q = env.storage().querier(nowMillis - env.outageToleranceMillis(), nowMillis)) {
            for (Rule r : rules) {
                if (!(r instanceof AlertingRule ar)) {
                    continue;
                }
                if (ar.holdMillis < env.forGracePeriodMillis()) {
                    ar.restored = true;
                    continue;
                }
                for (Alert a : ar.active.values()) {
                    restoreOne(q, ar, a, nowMillis);
                }
                ar.restored = true;
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "restoring alert state of group " + name + " failed", e);
            for (Rule r : rules) {
                if (r instanceof AlertingRule ar) {
                    ar.restored = true;
                }
            }
        }
    }

    private void restoreOne(Querier q, AlertingRule ar, Alert a, long now) {
        List<LabelMatcher> ms = new ArrayList<>();
        ms.add(LabelMatcher.equal(Labels.METRIC_NAME, AlertingRule.ALERTS_FOR_STATE));
        for (int i = 0; i < a.labels.size(); i++) {
            ms.add(LabelMatcher.equal(a.labels.name(i), a.labels.value(i)));
        }
        Labels want = a.labels.toBuilder().set(Labels.METRIC_NAME, AlertingRule.ALERTS_FOR_STATE).build();
        for (Series s : q.select(ms.toArray(new LabelMatcher[0]))) {
            if (!s.labels().equals(want)) {
                continue;
            }
            SampleIterator it = s.iterator();
            long t = 0;
            double v = Double.NaN;
            boolean any = false;
            while (it.next()) {
                t = it.timestamp();
                v = it.value();
                any = true;
            }
            if (!any || StaleNaN.is(v)) {
                return;
            }
            long downAt = (t / 1000) * 1000;
            long restoredActiveAt = (long) v * 1000;
            long remaining = ar.holdMillis - (downAt - restoredActiveAt);
            if (remaining <= 0) {
                // it was firing; the next evaluation makes it fire again if still active
            } else if (remaining < env.forGracePeriodMillis()) {
                restoredActiveAt = now + env.forGracePeriodMillis() - ar.holdMillis;
            } else {
                restoredActiveAt += now - downAt;
            }
            a.activeAt = restoredActiveAt;
            return;
        }
    }
}
