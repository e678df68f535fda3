package dev.pharos.remote;

import dev.pharos.config.ConfigLoader;
import dev.pharos.config.RemoteWriteConfig;
import dev.pharos.model.Labels;
import dev.pharos.relabel.RelabelConfig;
import dev.pharos.tsdb.Appender;
import dev.pharos.tsdb.Querier;
import dev.pharos.tsdb.Storage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What remote write costs the ingestion path: one commit of a 1000-series scrape through the
 * {@link RemoteWriteTee} (over a storage that does nothing, so only the tee and the queue are
 * measured) into one queue with external labels and write_relabel_configs (a drop of 10 % of
 * the series, a labeldrop, a replace), 4 shards. The endpoint accepts everything at once. Figures
 * are samples offered per second, on the benchmark thread; the shard senders run on their own
 * threads. {@code relabel=false} is the same without rules, for comparison.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RemoteWriteQueueBench {

    static final int SERIES = 1000;

    @Param({"true", "false"})
    public boolean relabel;

    RemoteWriteTee tee;
    RemoteWriteQueue queue;
    Labels[] labels;
    long t = 1_700_000_000_000L;

    static final Storage NOTHING = new Storage() {
        @Override
        public Appender appender() {
            return new Appender() {
                @Override
                public long append(long ref, Labels l, long ts, double v) {
                    return 1;
                }

                @Override
                public void commit() {
                }

                @Override
                public void rollback() {
                }
            };
        }

        @Override
        public Querier querier(long mint, long maxt) {
            throw new UnsupportedOperationException();
        }
    };

    @Setup(Level.Trial)
    public void setup() throws Exception {
        List<RelabelConfig> rules = relabel ? ConfigLoader.loadFromString("""
                remote_write:
                  - url: http://x/api/v1/write
                    write_relabel_configs:
                      - source_labels: [__name__]
                        regex: go_gc_.*
                        action: drop
                      - regex: pod_template_hash
                        action: labeldrop
                      - source_labels: [job]
                        target_label: team
                        regex: (.*)-.*
                """, "bench.yml").remoteWriteConfigs().get(0).writeRelabelConfigs() : List.of();
        queue = RemoteWriteQueue.builder("bench", body -> 204)
                .queueConfig(new RemoteWriteConfig.QueueConfig(10_000, 4, 4, 2000, Duration.ofMillis(100),
                        Duration.ofMillis(30), Duration.ofSeconds(5), false, Duration.ZERO))
                .writeRelabelConfigs(rules)
                .externalLabels(Labels.of("cluster", "eu-1", "replica", "a"))
                .reshardInterval(Duration.ZERO)
                .build();
        tee = new RemoteWriteTee(NOTHING);
        tee.setQueues(List.of(queue));
        labels = new Labels[SERIES];
        for (int i = 0; i < SERIES; i++) {
            String name = i % 10 == 0 ? "go_gc_duration_seconds" : "node_cpu_seconds_total";
            labels[i] = Labels.of("__name__", name, "job", "node-exporter", "instance", "10.0.0." + (i % 50) + ":9100",
                    "cpu", String.valueOf(i % 16), "mode", "m" + i, "pod_template_hash", "abc123");
        }
    }

    // CPU time of the benchmark thread alone: on a shared 2-core machine the senders and other
    // processes take cores away, so wall-clock throughput understates the per-core cost.
    static final java.lang.management.ThreadMXBean MX = java.lang.management.ManagementFactory.getThreadMXBean();
    long cpu0;
    long ops0;
    long ops;

    @Setup(Level.Iteration)
    public void startIteration() {
        cpu0 = MX.getCurrentThreadCpuTime();
        ops0 = ops;
    }

    @TearDown(Level.Iteration)
    public void endIteration() {
        long cpu = MX.getCurrentThreadCpuTime() - cpu0;
        System.out.printf("  [%.2f M samples offered per CPU-second of the ingesting thread]", (ops - ops0) * 1e3 / cpu);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        System.out.printf("%nqueue: in %d, sent %d, dropped by relabelling %d, dropped queue full %d%n",
                queue.samplesIn(), queue.samplesSent(), queue.samplesDroppedByRelabelling(),
                queue.samplesDroppedQueueFull());
        queue.close(Duration.ofSeconds(1));
    }

    @Benchmark
    @OperationsPerInvocation(SERIES)
    public void commitScrapeThroughTee() throws Exception {
        Appender a = tee.appender();
        long ts = t += 15_000;
        for (int i = 0; i < SERIES; i++) {
            a.append(0, labels[i], ts, i);
        }
        a.commit();
        ops += SERIES;
    }
}
