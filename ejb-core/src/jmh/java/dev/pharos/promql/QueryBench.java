package dev.pharos.promql;

import dev.pharos.model.Labels;
import dev.pharos.tsdb.Appender;
import dev.pharos.tsdb.MemoryStorage;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Typical dashboard queries on {@link MemoryStorage} data (15s scrape interval unless noted).
 * Figures are milliseconds per query.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx3g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class QueryBench {
    static final long HOUR = 3_600_000L;

    static void appendCounter(Appender app, Labels l, long from, long to, long interval, double rate) throws Exception {
        double v = 0;
        for (long t = from; t <= to; t += interval) {
            v += rate * interval / 1000.0;
            app.append(0, l, t, v);
        }
    }

    /** 10,000 counters (10 jobs x 1,000 instances), one hour of samples. */
    @State(Scope.Benchmark)
    public static class Counters {
        QueryEngine engine;

        @Setup(Level.Trial)
        public void setup() throws Exception {
            MemoryStorage s = new MemoryStorage();
            for (int job = 0; job < 10; job++) {
                Appender app = s.appender();
                for (int i = 0; i < 1000; i++) {
                    Labels l = Labels.of("__name__", "http_requests_total", "job", "job" + job, "instance", "host-" + i + ":9100");
                    appendCounter(app, l, 0, HOUR, 15_000, 1 + (i % 7));
                }
                app.commit();
            }
            engine = new QueryEngine(s);
        }
    }

    /** 1,000 classic-histogram bucket series (100 instances x 10 buckets), one hour. */
    @State(Scope.Benchmark)
    public static class Buckets {
        QueryEngine engine;

        @Setup(Level.Trial)
        public void setup() throws Exception {
            MemoryStorage s = new MemoryStorage();
            String[] les = {"0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "+Inf"};
            Appender app = s.appender();
            for (int i = 0; i < 100; i++) {
                for (int b = 0; b < les.length; b++) {
                    Labels l = Labels.of("__name__", "request_duration_seconds_bucket", "instance", "host-" + i, "le", les[b]);
                    appendCounter(app, l, 0, HOUR, 15_000, b + 1);
                }
            }
            app.commit();
            engine = new QueryEngine(s);
        }
    }

    /** 1,000 counters over 24 hours at a 60s scrape interval. */
    @State(Scope.Benchmark)
    public static class Day {
        QueryEngine engine;

        @Setup(Level.Trial)
        public void setup() throws Exception {
            MemoryStorage s = new MemoryStorage();
            Appender app = s.appender();
            for (int i = 0; i < 1000; i++) {
                Labels l = Labels.of("__name__", "node_cpu_seconds_total", "job", "node" + (i % 10), "instance", "host-" + i);
                appendCounter(app, l, 0, 24 * HOUR, 60_000, 1 + (i % 3));
            }
            app.commit();
            engine = new QueryEngine(s);
        }
    }

    /** 100,000 series with a few samples each, for selector matching. */
    @State(Scope.Benchmark)
    public static class Many {
        QueryEngine engine;

        @Setup(Level.Trial)
        public void setup() throws Exception {
            MemoryStorage s = new MemoryStorage();
            Appender app = s.appender();
            for (int i = 0; i < 100_000; i++) {
                Labels l = Labels.of("__name__", "up", "job", "job" + (i % 100), "instance", "host-" + i);
                for (long t = 0; t <= 60_000; t += 15_000) {
                    app.append(0, l, t, 1);
                }
            }
            app.commit();
            engine = new QueryEngine(s);
        }
    }

    /**
     * 50 jobs x 20 instances of a gauge over 10,000 steps at 15s (41.7 hours), for set
     * operations in range queries: a 50-way {@code label_replace(...) or ...} chain (one
     * relabelled job per link, as dashboards write it) and and/unless with on().
     */
    @State(Scope.Benchmark)
    public static class SetOps {
        static final long END = 10_000L * 15_000;
        QueryEngine engine;
        String orChain;

        @Setup(Level.Trial)
        public void setup() throws Exception {
            MemoryStorage s = new MemoryStorage();
            Appender app = s.appender();
            for (int j = 0; j < 50; j++) {
                for (int i = 0; i < 20; i++) {
                    Labels l = Labels.of("__name__", "up", "job", "job" + j, "instance", "host-" + i);
                    for (long t = 0; t <= END; t += 15_000) {
                        // every 7th instance is down for a while: presence differs by step
                        app.append(0, l, t, i % 7 == 0 && (t / 3_600_000) % 2 == 1 ? 0 : 1);
                    }
                }
            }
            app.commit();
            engine = new QueryEngine(s);
            StringBuilder q = new StringBuilder();
            for (int j = 0; j < 50; j++) {
                if (j > 0) {
                    q.append(" or ");
                }
                q.append("label_replace(up{job=\"job").append(j).append("\"}, \"service\", \"svc").append(j)
                        .append("\", \"job\", \"(.*)\")");
            }
            orChain = q.toString();
        }
    }

    @Benchmark
    public Object labelReplaceOr50Way10kSteps(SetOps o) {
        return o.engine.rangeQuery(o.orChain, 0, SetOps.END, 15_000).value();
    }

    @Benchmark
    public Object andUnlessOn10kSteps(SetOps o) {
        return o.engine.rangeQuery("(up and on(instance) (up{job=\"job0\"} == 1)) unless on(job, instance) up{job=~\"job[0-4]\"}",
                0, SetOps.END, 15_000).value();
    }

    @Benchmark
    public Object sumRateBy10kSeries(Counters c) {
        return c.engine.instantQuery("sum by (job) (rate(http_requests_total[5m]))", HOUR).value();
    }

    @Benchmark
    public Object topk10kSeries(Counters c) {
        return c.engine.instantQuery("topk(10, rate(http_requests_total[5m]))", HOUR).value();
    }

    @Benchmark
    public Object histogramQuantile1kBuckets(Buckets b) {
        return b.engine.instantQuery("histogram_quantile(0.9, sum by (le) (rate(request_duration_seconds_bucket[5m])))", HOUR).value();
    }

    @Benchmark
    public Object range24hStep60s(Day d) {
        return d.engine.rangeQuery("sum by (job) (rate(node_cpu_seconds_total[5m]))", 0, 24 * HOUR, 60_000).value();
    }

    @Benchmark
    public Object regexSelector100kSeries(Many m) {
        return m.engine.instantQuery("count(up{instance=~\"host-1.*5\"})", 60_000).value();
    }
}
