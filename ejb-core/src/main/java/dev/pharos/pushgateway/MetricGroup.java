package dev.pharos.pushgateway;

import dev.pharos.exposition.MetricData;
import dev.pharos.exposition.MetricFamilyData;
import dev.pharos.model.Labels;
import dev.pharos.model.MetricType;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One group of pushed metrics: its grouping key, its families by name (labels already
 * carry the grouping key), the last successful and failed push times (0 = never, as the
 * original's zero gauges), and the group's own expiry in milliseconds (0 = the server's).
 * Immutable; a push makes a new one.
 */
public record MetricGroup(Labels key, SortedMap<String, MetricFamilyData> families, long pushTimeMs,
        long failureTimeMs, long expiryMs) {

    public static final String PUSH_TIME = "push_time_seconds";
    public static final String PUSH_FAILURE_TIME = "push_failure_time_seconds";
    static final String PUSH_TIME_HELP = "Last Unix time when changing this group in the Pushgateway succeeded.";
    static final String PUSH_FAILURE_TIME_HELP = "Last Unix time when changing this group in the Pushgateway failed.";

    public MetricGroup {
        families = Collections.unmodifiableSortedMap(new TreeMap<>(families));
    }

    /** True if the last push (or delete attempt) to the group failed, as the original's JSON says. */
    public boolean lastPushSuccessful() {
        return failureTimeMs <= pushTimeMs;
    }

    /** The labels of the group's own gauges: the key, plus {@code instance=""} if it has none. */
    public Labels gaugeLabels() {
        return Names.merge(key, Labels.EMPTY);
    }

    /** The group's families plus its {@code push_time_seconds}/{@code push_failure_time_seconds}. */
    public List<MetricFamilyData> familiesWithPushTimes() {
        TreeMap<String, MetricFamilyData> all = new TreeMap<>(families);
        Labels l = gaugeLabels();
        all.put(PUSH_TIME, new MetricFamilyData(PUSH_TIME, PUSH_TIME_HELP, MetricType.GAUGE,
                List.of(MetricData.simple(l, pushTimeMs / 1000.0))));
        all.put(PUSH_FAILURE_TIME, new MetricFamilyData(PUSH_FAILURE_TIME, PUSH_FAILURE_TIME_HELP, MetricType.GAUGE,
                List.of(MetricData.simple(l, failureTimeMs / 1000.0))));
        return List.copyOf(all.values());
    }

    /** The number of metrics (series of simple types, one per summary/histogram) of the group. */
    public int metricCount() {
        int n = 0;
        for (MetricFamilyData f : families.values()) {
            n += f.metrics().size();
        }
        return n;
    }

    /** The last time anything was pushed, successfully or not; what expiry counts from. */
    public long lastActivityMs() {
        return Math.max(pushTimeMs, failureTimeMs);
    }
}
