package dev.pharos.rules;

import dev.pharos.model.Labels;
import dev.pharos.promql.Sample;
import java.util.List;

/**
 * A recording or alerting rule with its evaluation health. Health, last error and timings
 * are written by the evaluating thread and read by the API, hence volatile.
 */
public abstract sealed class Rule permits RecordingRule, AlertingRule {

    /** Health as the API names it. */
    public enum Health {
        UNKNOWN("unknown"), OK("ok"), ERR("err");

        private final String wire;

        Health(String wire) {
            this.wire = wire;
        }

        public String wireName() {
            return wire;
        }
    }

    final String name;
    final String expr;
    final Labels labels;
    private volatile Health health = Health.UNKNOWN;
    private volatile String lastError = "";
    private volatile long lastEvaluation;
    private volatile double evaluationSeconds;

    Rule(String name, String expr, Labels labels) {
        this.name = name;
        this.expr = expr;
        this.labels = labels;
    }

    /** Evaluates at ts; the samples to write (recording results, or ALERTS/ALERTS_FOR_STATE). */
    abstract List<Sample> eval(long ts, long queryOffsetMillis, EvalContext ctx, int limit) throws Exception;

    public String name() {
        return name;
    }

    public String query() {
        return expr;
    }

    public Labels labels() {
        return labels;
    }

    public Health health() {
        return health;
    }

    public String lastError() {
        return lastError;
    }

    public long lastEvaluation() {
        return lastEvaluation;
    }

    public double evaluationSeconds() {
        return evaluationSeconds;
    }

    void recordResult(Health h, String error, long evalTs, double seconds) {
        health = h;
        lastError = error == null ? "" : error;
        lastEvaluation = evalTs;
        evaluationSeconds = seconds;
    }

    void copyHealth(Rule old) {
        health = old.health;
        lastError = old.lastError;
        lastEvaluation = old.lastEvaluation;
        evaluationSeconds = old.evaluationSeconds;
    }

    static Labels merge(java.util.Map<String, String> groupLabels, java.util.Map<String, String> ruleLabels) {
        Labels.Builder b = Labels.EMPTY.toBuilder();
        groupLabels.forEach(b::set);
        ruleLabels.forEach(b::set);
        return b.build();
    }
}
