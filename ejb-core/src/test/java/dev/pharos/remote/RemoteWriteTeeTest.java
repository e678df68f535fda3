package dev.pharos.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.model.Labels;
import dev.pharos.tsdb.Appender;
import dev.pharos.tsdb.MemoryStorage;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RemoteWriteTeeTest {

    @Test
    void committedSamplesReachEveryQueueRolledBackOnesNone() throws Exception {
        RemoteWriteTee tee = new RemoteWriteTee(new MemoryStorage());
        Receiver a = new Receiver();
        Receiver b = new Receiver();
        try (RemoteWriteQueue qa = queue("a", a); RemoteWriteQueue qb = queue("b", b)) {
            tee.setQueues(List.of(qa, qb));
            Appender app = tee.appender();
            app.append(0, Labels.of("__name__", "m"), 1000, 1);
            app.append(0, Labels.of("__name__", "n"), 3000, 2);
            app.commit();
            Appender gone = tee.appender();
            gone.append(0, Labels.of("__name__", "m"), 9000, 3);
            gone.rollback();
            Receiver.await(() -> qa.samplesSent() == 2 && qb.samplesSent() == 2);
            assertEquals(2, a.samples().size());
            assertEquals(2, b.samples().size());
            assertEquals(3000, tee.highestTimestampMillis());
        }
    }

    @Test
    void selfMetricsCarryRemoteNameAndUrl() throws Exception {
        RemoteWriteTee tee = new RemoteWriteTee(new MemoryStorage());
        PrometheusRegistry reg = new PrometheusRegistry();
        new RemoteWriteMetrics(reg, tee);
        Receiver rx = new Receiver();
        try (RemoteWriteQueue q = RemoteWriteQueue.builder("primary", rx).url("http://rx:9090/api/v1/write")
                .queueConfig(new dev.pharos.config.RemoteWriteConfig.QueueConfig(100, 5, 2, 10, Duration.ofMillis(5),
                        Duration.ofMillis(1), Duration.ofMillis(1), false, Duration.ZERO))
                .writeRelabelConfigs(SeriesCacheTest.rules("- source_labels: [__name__]\n  regex: x\n  action: drop"))
                .build()) {
            tee.setQueues(List.of(q));
            Appender app = tee.appender();
            app.append(0, Labels.of("__name__", "m"), 5000, 1);
            app.append(0, Labels.of("__name__", "x"), 7000, 1);
            app.commit();
            Receiver.await(() -> q.samplesSent() == 1);
            Map<String, Double> v = values(reg.scrape());
            String l = "{remote_name=primary,url=http://rx:9090/api/v1/write}";
            assertEquals(1.0, v.get("prometheus_remote_storage_samples" + l));
            assertEquals(0.0, v.get("prometheus_remote_storage_samples_failed" + l));
            assertEquals(0.0, v.get("prometheus_remote_storage_samples_retried" + l));
            assertEquals(1.0, v.get("prometheus_remote_storage_samples_dropped{reason=dropped_series,remote_name=primary,url=http://rx:9090/api/v1/write}"));
            assertEquals(2.0, v.get("prometheus_remote_storage_shards" + l));
            assertEquals(2.0, v.get("prometheus_remote_storage_shards_min" + l));
            assertEquals(5.0, v.get("prometheus_remote_storage_shards_max" + l));
            assertEquals(100.0, v.get("prometheus_remote_storage_shard_capacity" + l));
            assertEquals(0.0, v.get("prometheus_remote_storage_samples_pending" + l));
            assertEquals(5.0, v.get("prometheus_remote_storage_queue_highest_sent_timestamp_seconds" + l));
            assertEquals(7.0, v.get("prometheus_remote_storage_highest_timestamp_in_seconds{}"));
            assertEquals(2.0, v.get("prometheus_remote_storage_samples_in{}"));
            assertTrue(v.get("prometheus_remote_storage_bytes" + l) > 0);
        }
    }

    @Test
    void theIngestionThreadAllocatesNothingPerSampleOnceSeriesAreCached() throws Exception {
        RemoteWriteTee tee = new RemoteWriteTee(new MemoryStorage());
        Receiver rx = new Receiver();
        try (RemoteWriteQueue q = RemoteWriteQueue.builder("a", rx)
                .queueConfig(new dev.pharos.config.RemoteWriteConfig.QueueConfig(100_000, 4, 4, 2000, Duration.ofMillis(5),
                        Duration.ofMillis(1), Duration.ofMillis(1), false, Duration.ZERO))
                .writeRelabelConfigs(SeriesCacheTest.rules("- source_labels: [i]\n  regex: 1.*\n  action: drop\n"
                        + "- target_label: x\n  replacement: y"))
                .externalLabels(Labels.of("env", "t"))
                .reshardInterval(Duration.ZERO)
                .build()) {
            tee.setQueues(List.of(q));
            Labels[] ls = new Labels[500];
            for (int i = 0; i < ls.length; i++) {
                ls[i] = Labels.of("__name__", "m", "i", String.valueOf(i));
            }
            var mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
            long tid = Thread.currentThread().getId();
            long perCommit = Long.MAX_VALUE;
            for (int round = 0; round < 200; round++) {
                long before = mx.getThreadAllocatedBytes(tid);
                Appender app = tee.appender();
                for (int i = 0; i < ls.length; i++) {
                    app.append(0, ls[i], 1000L * round, i);
                }
                app.commit();
                perCommit = Math.min(perCommit, mx.getThreadAllocatedBytes(tid) - before);
                Receiver.await(() -> q.pending() == 0);
            }
            // The memory storage itself allocates per sample; what is left over must be far below one
            // object per sample for the tee and the queue.
            long storageOnly;
            MemoryStorage plain = new MemoryStorage();
            storageOnly = Long.MAX_VALUE;
            for (int round = 0; round < 200; round++) {
                long before = mx.getThreadAllocatedBytes(tid);
                Appender app = plain.appender();
                for (int i = 0; i < ls.length; i++) {
                    app.append(0, ls[i], 1000L * round, i);
                }
                app.commit();
                storageOnly = Math.min(storageOnly, mx.getThreadAllocatedBytes(tid) - before);
            }
            assertTrue(perCommit - storageOnly < 500, "tee+queue allocate " + (perCommit - storageOnly)
                    + " bytes per commit of 500 samples (storage alone " + storageOnly + ")");
        }
    }

    private static RemoteWriteQueue queue(String name, Receiver rx) {
        return RemoteWriteQueue.builder(name, rx)
                .queueConfig(new dev.pharos.config.RemoteWriteConfig.QueueConfig(100, 1, 1, 10, Duration.ofMillis(5),
                        Duration.ofMillis(1), Duration.ofMillis(1), false, Duration.ZERO))
                .build();
    }

    /** name{label=value,...} (labels sorted) -> value, for counters and gauges. */
    private static Map<String, Double> values(MetricSnapshots snaps) {
        Map<String, Double> out = new HashMap<>();
        for (MetricSnapshot s : snaps) {
            for (DataPointSnapshot dp : s.getDataPoints()) {
                StringBuilder k = new StringBuilder(s.getMetadata().getName()).append('{');
                var ls = dp.getLabels();
                for (int i = 0; i < ls.size(); i++) {
                    k.append(i > 0 ? "," : "").append(ls.getName(i)).append('=').append(ls.getValue(i));
                }
                k.append('}');
                double val = dp instanceof CounterSnapshot.CounterDataPointSnapshot c ? c.getValue()
                        : ((GaugeSnapshot.GaugeDataPointSnapshot) dp).getValue();
                out.put(k.toString(), val);
            }
        }
        return out;
    }
}
