package dev.pharos.pushgateway;

import dev.pharos.exposition.GoFloat;
import dev.pharos.exposition.MetricData;
import dev.pharos.exposition.MetricFamilyData;
import dev.pharos.json.JsonWriter;
import dev.pharos.model.Labels;
import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/** The JSON of the original's query API: {@code /api/v1/metrics} and {@code /api/v1/status}. */
public final class GatewayJson {

    private GatewayJson() {
    }

    /** {@code {"status":"success","data":[group...]}} */
    public static void metrics(Collection<MetricGroup> groups, JsonWriter w) throws IOException {
        w.beginObject().member("status", "success").name("data").beginArray();
        for (MetricGroup g : groups) {
            w.beginObject();
            w.name("labels");
            labels(g.key(), w);
            w.member("last_push_successful", g.lastPushSuccessful());
            String ts = Instant.ofEpochMilli(g.pushTimeMs()).toString();
            for (MetricFamilyData f : g.familiesWithPushTimes()) {
                w.name(f.name()).beginObject();
                w.member("time_stamp", ts);
                w.member("type", PushStore.typeName(f.type()));
                w.member("help", f.help() == null ? "" : f.help());
                w.name("metrics").beginArray();
                for (MetricData m : f.metrics()) {
                    metric(f, m, w);
                }
                w.endArray().endObject();
            }
            w.endObject();
        }
        w.endArray().endObject();
        w.flush();
    }

    private static void metric(MetricFamilyData f, MetricData m, JsonWriter w) throws IOException {
        w.beginObject().name("labels");
        labels(m.labels(), w);
        switch (f.type()) {
            case SUMMARY -> {
                w.name("quantiles").beginObject();
                for (MetricData.Quantile q : m.quantiles()) {
                    w.member(GoFloat.format(q.quantile()), GoFloat.format(q.value()));
                }
                w.endObject();
                w.member("count", GoFloat.format(m.sampleCount())).member("sum", GoFloat.format(m.sampleSum()));
            }
            case HISTOGRAM, GAUGEHISTOGRAM -> {
                w.name("buckets").beginObject();
                for (MetricData.Bucket b : m.buckets()) {
                    w.member(GoFloat.format(b.upperBound()), GoFloat.format(b.cumulativeCount()));
                }
                w.endObject();
                w.member("count", GoFloat.format(m.sampleCount())).member("sum", GoFloat.format(m.sampleSum()));
            }
            default -> w.member("value", GoFloat.format(m.value()));
        }
        w.endObject();
    }

    private static void labels(Labels l, JsonWriter w) throws IOException {
        w.beginObject();
        for (int i = 0; i < l.size(); i++) {
            w.member(l.name(i), l.value(i));
        }
        w.endObject();
    }

    /** {@code {"status":"success","data":{"build_information":..,"flags":..,"start_time":..}}} */
    public static void status(Map<String, String> build, Map<String, String> flags, Instant start, JsonWriter w)
            throws IOException {
        w.beginObject().member("status", "success").name("data").beginObject();
        w.name("build_information").stringMap(build);
        w.name("flags").stringMap(flags);
        w.member("start_time", start.toString());
        w.endObject().endObject();
        w.flush();
    }
}
