package dev.pharos.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.config.RemoteWriteConfig;
import dev.pharos.model.LabelMatcher;
import dev.pharos.model.Labels;
import dev.pharos.model.MetricType;
import dev.pharos.scrape.MetricMetadata;
import dev.pharos.tsdb.MemoryStorage;
import dev.pharos.tsdb.Querier;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

class RemoteWriteQueueTest {

    /** A receiver: the queue's bodies go through the real handler into a memory storage. */
    private static RemoteWriteQueue.Transport into(MemoryStorage st, AtomicInteger calls, int failFirst, int failStatus) {
        return body -> {
            if (calls.getAndIncrement() < failFirst) {
                return failStatus;
            }
            byte[] raw = Snappy.uncompress(body);
            try {
                RemoteWriteHandler.Result r = new RemoteWriteHandler(st).write(raw, 0, raw.length);
                return r.rejected() > 0 ? 400 : 204;
            } catch (MalformedProtobufException e) {
                return 400;
            }
        };
    }

    private static int stored(MemoryStorage st) {
        int[] n = {0};
        try (Querier q = st.querier(0, Long.MAX_VALUE)) {
            q.select(LabelMatcher.equal("__name__", "q")).forEach(s -> {
                var it = s.iterator();
                while (it.next()) {
                    n[0]++;
                }
            });
        }
        return n[0];
    }

    @Test
    void batchesArriveInOrderAfterRetryingServerErrors() throws Exception {
        MemoryStorage st = new MemoryStorage();
        AtomicInteger calls = new AtomicInteger();
        try (RemoteWriteQueue q = new RemoteWriteQueue("t", into(st, calls, 2, 503), 1000, 100,
                Duration.ofMillis(50), Duration.ofMillis(1), Duration.ofMillis(10), false,
                Labels.of("env", "test", "s", "external-never-wins"))) {
            for (int i = 0; i < 450; i++) {
                assertTrue(q.offer(Labels.of("__name__", "q", "s", String.valueOf(i % 3)), 1000L * i, i));
            }
            long end = System.nanoTime() + 5_000_000_000L;
            while (q.samplesSent() < 450 && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            assertEquals(450, q.samplesSent());
            assertEquals(2, q.retries());
            assertTrue(q.samplesRetried() >= 2, "samples counted per retry");
        }
        assertEquals(450, stored(st));
        try (Querier qr = st.querier(0, Long.MAX_VALUE)) {
            assertEquals(Labels.of("__name__", "q", "env", "test", "s", "0"),
                    qr.select(LabelMatcher.equal("__name__", "q")).get(0).labels());
        }
    }

    @Test
    void clientErrorsDropTheBatchAndAFullQueueDropsNewSamples() throws Exception {
        MemoryStorage st = new MemoryStorage();
        AtomicInteger calls = new AtomicInteger();
        try (RemoteWriteQueue q = new RemoteWriteQueue("t", into(st, calls, 1, 400), 10, 10,
                Duration.ofMillis(20), Duration.ofMillis(1), Duration.ofMillis(10), false)) {
            for (int i = 0; i < 10; i++) {
                q.offer(Labels.of("__name__", "q"), i, i);
            }
            long end = System.nanoTime() + 5_000_000_000L;
            while (q.samplesFailed() < 10 && System.nanoTime() < end) {
                Thread.sleep(5);
            }
            assertEquals(10, q.samplesFailed());
            assertEquals(0, q.retries(), "4xx is not retried");
        }
        RemoteWriteQueue blocked = new RemoteWriteQueue("b", body -> {
            Thread.sleep(10_000);
            return 204;
        }, 10, 10, Duration.ofSeconds(10), Duration.ofMillis(1), Duration.ofMillis(1), false);
        for (int i = 0; i < 10; i++) {
            assertTrue(blocked.offer(Labels.of("__name__", "q"), i, i));
        }
        long end = System.nanoTime() + 5_000_000_000L;
        while (blocked.pending() > 0 && System.nanoTime() < end) {
            Thread.sleep(5); // the sender takes the full batch and hangs in send
        }
        for (int i = 10; i < 20; i++) {
            assertTrue(blocked.offer(Labels.of("__name__", "q"), i, i));
        }
        assertFalse(blocked.offer(Labels.of("__name__", "q"), 21, 21));
        assertEquals(1, blocked.samplesDropped());
        blocked.close(Duration.ofMillis(100));
    }

    private static RemoteWriteConfig.QueueConfig qc(int capacity, int minShards, int maxShards, int maxPerSend,
            Duration deadline, Duration ageLimit) {
        return new RemoteWriteConfig.QueueConfig(capacity, maxShards, minShards, maxPerSend, deadline,
                Duration.ofMillis(1), Duration.ofMillis(5), false, ageLimit);
    }

    /** Asserts that each series' timestamps arrived strictly increasing and returns samples per series. */
    private static Map<Labels, Integer> assertInOrderPerSeries(List<Receiver.Sample> got) {
        Map<Labels, Long> last = new HashMap<>();
        Map<Labels, Integer> count = new HashMap<>();
        for (Receiver.Sample s : got) {
            Long prev = last.put(s.labels(), s.t());
            assertTrue(prev == null || prev < s.t(), s.labels() + ": " + prev + " then " + s.t());
            count.merge(s.labels(), 1, Integer::sum);
        }
        return count;
    }

    @Test
    void writeRelabelDropKeepsASeriesOutAndCountsItsSamples() throws Exception {
        Receiver rx = new Receiver();
        try (RemoteWriteQueue q = RemoteWriteQueue.builder("t", rx)
                .queueConfig(qc(100, 1, 1, 10, Duration.ofMillis(10), Duration.ZERO))
                .writeRelabelConfigs(SeriesCacheTest.rules("- source_labels: [__name__]\n  regex: secret_.*\n  action: drop"
))
                .externalLabels(Labels.of("env", "t"))
                .build()) {
            Labels keep = Labels.of("__name__", "up");
            Labels drop = Labels.of("__name__", "secret_total");
            Labels[] ls = {keep, drop, keep, drop};
            assertEquals(2, q.offer(ls, new long[] {1, 1, 2, 2}, new double[] {1, 2, 3, 4}, 4));
            Receiver.await(() -> q.samplesSent() == 2);
            assertEquals(List.of(new Receiver.Sample(Labels.of("__name__", "up", "env", "t"), 1, 1),
                    new Receiver.Sample(Labels.of("__name__", "up", "env", "t"), 2, 3)), rx.samples());
            assertEquals(2, q.samplesDroppedByRelabelling());
            assertEquals(2, q.samplesDropped());
        }
    }

    @Test
    void everySeriesStaysOnOneShardAndInOrder() throws Exception {
        Receiver rx = new Receiver(n -> 204, 1);
        int series = 50;
        int rounds = 40;
        try (RemoteWriteQueue q = RemoteWriteQueue.builder("t", rx)
                .queueConfig(qc(10_000, 4, 8, 25, Duration.ofMillis(5), Duration.ZERO))
                .reshardInterval(Duration.ZERO)
                .build()) {
            assertEquals(4, q.shards(), "starts at min_shards");
            Labels[] ls = new Labels[series];
            long[] ts = new long[series];
            double[] vs = new double[series];
            for (int i = 0; i < series; i++) {
                ls[i] = Labels.of("__name__", "m", "i", String.valueOf(i));
            }
            for (int r = 0; r < rounds; r++) {
                Arrays.fill(ts, r * 1000L);
                q.offer(ls, ts, vs, series);
            }
            Receiver.await(() -> q.samplesSent() == (long) series * rounds);
            Map<Labels, Integer> per = assertInOrderPerSeries(rx.samples());
            assertEquals(series, per.size());
            per.values().forEach(n -> assertEquals(rounds, n));
        }
    }

    @Test
    void reshardingDrainsTheOldShardsFirstSoNoSeriesOvertakesItself() throws Exception {
        Receiver rx = new Receiver(n -> 204, 2);
        int series = 30;
        try (RemoteWriteQueue q = RemoteWriteQueue.builder("t", rx)
                .queueConfig(qc(10_000, 1, 6, 20, Duration.ofMillis(5), Duration.ZERO))
                .reshardInterval(Duration.ZERO)
                .build()) {
            Labels[] ls = new Labels[series];
            for (int i = 0; i < series; i++) {
                ls[i] = Labels.of("__name__", "m", "i", String.valueOf(i));
            }
            long[] ts = new long[series];
            double[] vs = new double[series];
            Thread feeder = new Thread(() -> {
                for (int r = 0; r < 60; r++) {
                    Arrays.fill(ts, r * 1000L);
                    q.offer(ls, ts, vs, series);
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            feeder.start();
            Thread.sleep(20);
            q.reshard(5);
            assertEquals(5, q.shards());
            Thread.sleep(20);
            q.reshard(2);
            feeder.join();
            Receiver.await(() -> q.samplesSent() == series * 60L);
            assertEquals(series * 60L, q.samplesSent());
            assertInOrderPerSeries(rx.samples());
        }
    }

    @Test
    void aSlowEndpointMakesTheQueueAddShards() throws Exception {
        Receiver rx = new Receiver(n -> 204, 20); // 20 ms per batch of 10: 2 ms per sample
        try (RemoteWriteQueue q = RemoteWriteQueue.builder("t", rx)
                .queueConfig(qc(100_000, 1, 10, 10, Duration.ofMillis(5), Duration.ZERO))
                .reshardInterval(Duration.ZERO)
                .flushDeadline(Duration.ofMillis(100)) // then the old shard gives up its backlog
                .build()) {
            long t0 = System.nanoTime();
            q.reshardTick(t0); // baseline
            for (int i = 0; i < 3000; i++) {
                q.offer(Labels.of("__name__", "m", "i", String.valueOf(i % 100)), i, i);
            }
            Receiver.await(() -> q.samplesSent() >= 30);
            q.reshardTick(System.nanoTime());
            assertTrue(q.desiredShards() > 1, "desired " + q.desiredShards());
            assertEquals(q.desiredShards(), q.shards());
            assertTrue(q.samplesFailed() > 0, "the backlog past the flush deadline is given up and counted");
            q.close(Duration.ofMillis(200));
        }
    }

    @Test
    void anIdleQueueShrinksToMinShardsButNotWhileTheEndpointFails() throws Exception {
        java.util.concurrent.atomic.AtomicInteger status = new java.util.concurrent.atomic.AtomicInteger(204);
        Receiver rx = new Receiver(n -> status.get(), 0);
        try (RemoteWriteQueue q = RemoteWriteQueue.builder("t", rx)
                .queueConfig(qc(1000, 1, 8, 10, Duration.ofMillis(5), Duration.ZERO))
                .reshardInterval(Duration.ZERO)
                .build()) {
            q.reshardTick(System.nanoTime());
            for (int i = 0; i < 100; i++) {
                q.offer(Labels.of("__name__", "m"), i, i);
            }
            Receiver.await(() -> q.samplesSent() == 100);
            q.reshardTick(System.nanoTime()); // now the time per sample is known
            q.reshard(6);
            for (int i = 0; i < 40 && q.shards() > 1; i++) {
                Thread.sleep(5);
                q.reshardTick(System.nanoTime()); // the smoothed in-rate decays tick by tick
            }
            assertEquals(1, q.shards(), "nothing comes in: back to min_shards");

            status.set(400);
            q.offer(Labels.of("__name__", "m"), 1000, 1);
            Receiver.await(() -> q.samplesFailed() == 1);
            q.reshard(6);
            q.reshardTick(System.nanoTime());
            assertEquals(1, q.desiredShards());
            assertEquals(6, q.shards(), "no resharding while sends fail");
        }
    }

    @Test
    void samplesOlderThanTheAgeLimitAreDroppedAlsoOnRetry() throws Exception {
        AtomicLong now = new AtomicLong(100_000);
        // The first send fails and the clock moves on 5 s: the retry leaves out what became too old.
        Receiver rx = new Receiver(n -> {
            if (n == 0) {
                now.addAndGet(5_000);
                return 503;
            }
            return 204;
        }, 0);
        try (RemoteWriteQueue q = RemoteWriteQueue.builder("t", rx)
                .queueConfig(qc(100, 1, 1, 10, Duration.ofMillis(20), Duration.ofSeconds(10)))
                .clock(now::get)
                .build()) {
            Labels l = Labels.of("__name__", "m");
            q.offer(new Labels[] {l, l, l}, new long[] {80_000, 92_000, 99_000}, new double[] {1, 2, 3}, 3);
            Receiver.await(() -> q.samplesSent() + q.samplesDropped() == 3);
            assertEquals(List.of(new Receiver.Sample(l, 99_000, 3)), rx.samples());
            assertEquals(2, q.samplesDroppedTooOld(), "80 s is too old at once, 92 s after the clock moved");
        }
    }

    @Test
    void metadataIsSentEveryIntervalInBatchesOfMaxSamplesPerSend() throws Exception {
        Receiver rx = new Receiver();
        List<MetricMetadata> md = List.of(
                new MetricMetadata("up", MetricType.GAUGE, "Target up.", ""),
                new MetricMetadata("http_requests_total", MetricType.COUNTER, "Requests.", ""),
                new MetricMetadata("http_requests_total", MetricType.COUNTER, "Requests (other target).", ""),
                new MetricMetadata("req_duration_seconds", MetricType.HISTOGRAM, "Latency.", "seconds"),
                new MetricMetadata("build_info", MetricType.INFO, "", ""),
                new MetricMetadata("things", MetricType.UNKNOWN, "Untyped.", ""));
        try (RemoteWriteQueue q = RemoteWriteQueue.builder("t", rx)
                .metadataConfig(new RemoteWriteConfig.MetadataConfig(true, Duration.ofMillis(50), 2))
                .metadataSource(() -> md)
                .build()) {
            Receiver.await(() -> q.metadataSent() >= 10);
            assertTrue(q.metadataSent() >= 10, "sent again every interval: " + q.metadataSent());
            List<List<MetricMetadata>> reqs = rx.metadataRequests();
            assertEquals(List.of(2, 2, 1), reqs.subList(0, 3).stream().map(List::size).toList());
            assertEquals(List.of(
                    new MetricMetadata("build_info", MetricType.INFO, "", ""),
                    new MetricMetadata("http_requests_total", MetricType.COUNTER, "Requests.", ""),
                    new MetricMetadata("req_duration_seconds", MetricType.HISTOGRAM, "Latency.", "seconds"),
                    new MetricMetadata("things", MetricType.UNKNOWN, "Untyped.", ""),
                    new MetricMetadata("up", MetricType.GAUGE, "Target up.", "")),
                    reqs.subList(0, 3).stream().flatMap(List::stream).toList());
            assertTrue(rx.samples().isEmpty(), "metadata requests carry no series");
        }
    }

    @Test
    void noMetadataWhenSendIsFalse() throws Exception {
        Receiver rx = new Receiver();
        try (RemoteWriteQueue q = RemoteWriteQueue.builder("t", rx)
                .metadataConfig(new RemoteWriteConfig.MetadataConfig(false, Duration.ofMillis(10), 2))
                .metadataSource(() -> List.of(new MetricMetadata("up", MetricType.GAUGE, "", "")))
                .build()) {
            Thread.sleep(60);
            assertEquals(0, rx.calls.get());
        }
    }
}
