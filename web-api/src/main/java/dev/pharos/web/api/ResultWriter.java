package dev.pharos.web.api;

import dev.pharos.json.JsonWriter;
import dev.pharos.model.Labels;
import dev.pharos.promql.Matrix;
import dev.pharos.promql.QueryResult;
import dev.pharos.promql.Sample;
import dev.pharos.promql.Scalar;
import dev.pharos.promql.SeriesData;
import dev.pharos.promql.StringValue;
import dev.pharos.promql.Value;
import dev.pharos.promql.ValueFormat;
import dev.pharos.promql.Vector;
import java.io.IOException;

/** Writes PromQL results in the exact JSON of Prometheus's query API. */
final class ResultWriter {

    private ResultWriter() {
    }

    static void write(JsonWriter json, QueryResult r, int limit, boolean stats, long evalNanos) throws IOException {
        Value v = r.value();
        json.beginObject();
        if (v instanceof Matrix m) {
            json.member("resultType", "matrix").name("result").beginArray();
            int n = 0;
            for (SeriesData s : m.series()) {
                if (limit > 0 && n++ >= limit) {
                    break;
                }
                json.beginObject().name("metric");
                labels(json, s.metric());
                json.name("values").beginArray();
                long[] ts = s.timestamps();
                double[] vs = s.values();
                for (int i = 0; i < s.size(); i++) {
                    point(json, ts[i], vs[i]);
                }
                json.endArray().endObject();
            }
            json.endArray();
        } else if (v instanceof Vector vec) {
            json.member("resultType", "vector").name("result").beginArray();
            int n = 0;
            for (Sample s : vec.samples()) {
                if (limit > 0 && n++ >= limit) {
                    break;
                }
                json.beginObject().name("metric");
                labels(json, s.metric());
                json.name("value");
                point(json, s.timestamp(), s.value());
                json.endObject();
            }
            json.endArray();
        } else if (v instanceof Scalar s) {
            json.member("resultType", "scalar").name("result");
            point(json, s.timestamp(), s.value());
        } else if (v instanceof StringValue s) {
            json.member("resultType", "string").name("result").beginArray()
                    .rawValue(seconds(s.timestamp())).value(s.value()).endArray();
        }
        if (stats) {
            json.name("stats").beginObject()
                    .name("timings").beginObject()
                    .name("evalTotalTime").value(evalNanos / 1e9)
                    .name("resultSortTime").value(0.0)
                    .name("queryPreparationTime").value(0.0)
                    .name("innerEvalTime").value(evalNanos / 1e9)
                    .name("execQueueTime").value(0.0)
                    .name("execTotalTime").value(evalNanos / 1e9)
                    .endObject()
                    .name("samples").beginObject()
                    .member("totalQueryableSamples", r.totalSamples())
                    .member("peakSamples", r.peakSamples())
                    .endObject()
                    .endObject();
        }
        json.endObject();
    }

    /** Number of series in a result, for the limit warning. */
    static int seriesCount(Value v) {
        if (v instanceof Matrix m) {
            return m.series().size();
        }
        if (v instanceof Vector vec) {
            return vec.samples().size();
        }
        return 0;
    }

    private static void point(JsonWriter json, long t, double v) throws IOException {
        json.beginArray().rawValue(seconds(t)).value(ValueFormat.format(v)).endArray();
    }

    static void labels(JsonWriter json, Labels l) throws IOException {
        json.beginObject();
        for (int i = 0; i < l.size(); i++) {
            json.member(l.name(i), l.value(i));
        }
        json.endObject();
    }

    /** Milliseconds as Unix seconds the way Go's 'f', -1 formatting prints t/1000. */
    static String seconds(long millis) {
        long s = millis / 1000;
        int ms = (int) Math.abs(millis % 1000);
        StringBuilder sb = new StringBuilder(16);
        if (millis < 0 && s == 0) {
            sb.append('-');
        }
        sb.append(s);
        if (ms != 0) {
            sb.append('.');
            if (ms < 100) {
                sb.append('0');
            }
            if (ms < 10) {
                sb.append('0');
            }
            int end = ms;
            while (end % 10 == 0) {
                end /= 10;
            }
            sb.append(end);
        }
        return sb.toString();
    }
}
